package io.vigil.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigLoaderTest {
    @Test
    void jarDefaultsApplyWithoutAnOverrideFile() {
        Config config = ConfigLoader.load(Map.of());

        assertThat(config.get("server.port").asInt().get(), is(7000));
        assertThat(config.get("log.format").asString().get(), is("json"));
    }

    @Test
    void theFileNamedByVigilConfigOverridesTheJarDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), "server:\n  port: 7100\n");

        Config config = ConfigLoader.load(Map.of("VIGIL_CONFIG", file.toString()));

        assertThat(config.get("server.port").asInt().get(), is(7100));
        assertThat(config.get("log.format").asString().get(), is("json"));
    }

    @Test
    void systemPropertiesOverrideTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), "log:\n  level: debug\n");
        System.setProperty("log.level", "warn");
        try {
            Config config = ConfigLoader.load(Map.of("VIGIL_CONFIG", file.toString()));

            assertThat(config.get("log.level").asString().get(), is("warn"));
        } finally {
            System.clearProperty("log.level");
        }
    }

    @Test
    void aMissingOverrideFileIsAConfigurationError(@TempDir Path dir) {
        String missing = dir.resolve("absent.yaml").toString();

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> ConfigLoader.load(Map.of("VIGIL_CONFIG", missing)));
        assertThat(e.getMessage(), is("invalid configuration: VIGIL_CONFIG = \"" + missing
                + "\" (expected: a readable YAML file)"));
    }
}
