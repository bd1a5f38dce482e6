package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * How long a forwarded request may take: an upstream's values ({@code gateway.upstreams.<name>}), which a route may
 * override ({@code gateway.routes[]}).
 *
 * @param connect  longest wait for a connection ({@code connect-timeout}, default 1 s)
 * @param read     longest wait for the next bytes of the response ({@code read-timeout}, default 30 s)
 * @param deadline longest time from the start of a request until the upstream's response headers arrive, including
 *                 waiting for a place, retries and backoff, and sending the request body ({@code deadline}, default
 *                 60 s); then a 504
 */
public record Timeouts(Duration connect, Duration read, Duration deadline) {
    /** The defaults. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofHours(1);

    /**
     * Reads the three timeouts of a node, each defaulting to the given value.
     *
     * @param node     an upstream's or a route's node
     * @param defaults values for the keys that are not set
     * @return validated timeouts
     */
    public static Timeouts create(Config node, Timeouts defaults) {
        return new Timeouts(ConfigValues.durationIn(node.get("connect-timeout"), defaults.connect(), MIN, MAX),
                            ConfigValues.durationIn(node.get("read-timeout"), defaults.read(), MIN, MAX),
                            ConfigValues.durationIn(node.get("deadline"), defaults.deadline(), MIN, MAX));
    }
}
