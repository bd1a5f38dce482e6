package io.vigil.common.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerSettingsTest {
    @Test
    void defaultsApplyToAnEmptySection() {
        ServerSettings settings = ServerSettings.create(Config.just(ConfigSources.create(java.util.Map.of())).get("server"));

        assertThat(settings, is(new ServerSettings("0.0.0.0", 8080, Duration.ZERO, Duration.ofSeconds(20))));
    }

    @Test
    void configuredValuesAreRead() {
        Config config = TestConfig.of("server.port", "9090", "server.drain.delay", "PT5S", "server.drain.timeout", "PT30S");

        assertThat(ServerSettings.create(config.get("server")),
                   is(new ServerSettings("127.0.0.1", 9090, Duration.ofSeconds(5), Duration.ofSeconds(30))));
    }

    @Test
    void aDrainLongerThanTheMaximumIsRefused() {
        Config config = TestConfig.of("server.drain.timeout", "PT11M");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ServerSettings.create(config.get("server")));
        assertThat(e.key(), is("server.drain.timeout"));
    }
}
