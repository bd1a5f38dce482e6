package io.vigil.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Loads a service's configuration. Highest priority first: Java system properties, environment
 * variables (Helidon's mapping: {@code SERVER_PORT} sets {@code server.port}, {@code _dash_} stands for
 * {@code -}), the YAML file named by {@code VIGIL_CONFIG} if set, and {@code application.yaml} in the jar.
 */
public final class ConfigLoader {
    /** Environment variable naming an optional YAML file that overrides the defaults in the jar. */
    public static final String CONFIG_FILE_VARIABLE = "VIGIL_CONFIG";

    private ConfigLoader() {
    }

    /**
     * Loads configuration from the process environment.
     *
     * @return the merged configuration
     * @throws InvalidConfigException when {@code VIGIL_CONFIG} names a file that cannot be read
     */
    public static Config load() {
        return load(System.getenv());
    }

    /**
     * Loads configuration with the given environment (used to decide on {@code VIGIL_CONFIG}).
     *
     * @param environment environment variables
     * @return the merged configuration
     * @throws InvalidConfigException when {@code VIGIL_CONFIG} names a file that cannot be read
     */
    public static Config load(Map<String, String> environment) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables());
        String file = environment.get(CONFIG_FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            if (!Files.isReadable(path) || Files.isDirectory(path)) {
                throw new InvalidConfigException(CONFIG_FILE_VARIABLE, file, "a readable YAML file");
            }
            builder.addSource(ConfigSources.file(path));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml").optional())
                .build();
    }
}
