package io.vigil.common.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Configuration built in a test from key/value pairs, without files or environment. The server binds
 * to an ephemeral port on loopback unless the pairs say otherwise, and its access log goes to a file of its own
 * under {@code target/test-access-logs/} rather than to the test's console.
 */
public final class TestConfig {
    private static final AtomicInteger ACCESS_LOGS = new AtomicInteger();

    private TestConfig() {
    }

    /**
     * Configuration from alternating keys and values, e.g. {@code of("server.drain.timeout", "PT1S")}.
     *
     * @param keysAndValues dotted keys followed by their values
     * @return configuration
     */
    public static Config of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues: " + keysAndValues.length + " (expected: pairs)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("server.host", "127.0.0.1");
        values.put("server.port", "0");
        values.put("access-log.output", "target/test-access-logs/" + ProcessHandle.current().pid() + "-"
                                        + ACCESS_LOGS.incrementAndGet() + ".log");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Config.just(ConfigSources.create(values));
    }
}
