package io.vigil.health.testing;

import java.util.Map;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.vigil.health.HealthSettings;

/**
 * Configuration for tests written as YAML, as an operator would write it; the server listens on an
 * ephemeral loopback port.
 */
public final class HealthConfig {
    private HealthConfig() {
    }

    /**
     * Configuration from YAML text, plus {@code server.host: 127.0.0.1} and {@code server.port: 0}.
     *
     * @param yaml the YAML document (usually a {@code health:} section)
     * @return configuration
     */
    public static Config yaml(String yaml) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                .addSource(ConfigSources.create(Map.of("server.host", "127.0.0.1", "server.port", "0")))
                .build();
    }

    /**
     * The {@code health} section of YAML text.
     *
     * @param yaml the YAML document
     * @return validated settings
     */
    public static HealthSettings settings(String yaml) {
        return HealthSettings.create(yaml(yaml).get("health"));
    }
}
