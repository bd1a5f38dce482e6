package io.vigil.common.config;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The {@code server} section that Vigil reads itself: where to listen and how to drain on shutdown.
 * Helidon reads the same section for everything else it supports (e.g. {@code max-payload-size}).
 *
 * @param host         interface to bind ({@code server.host}, default {@code 0.0.0.0})
 * @param port         port to listen on ({@code server.port}; 0 picks a free one)
 * @param drainDelay   after SIGTERM, how long readiness reports DOWN while requests are still served,
 *                     so load balancers stop sending new ones ({@code server.drain.delay}, default 0)
 * @param drainTimeout the longest wait for in-flight requests to finish before the server stops
 *                     ({@code server.drain.timeout}, default 20 s)
 */
public record ServerSettings(String host, int port, Duration drainDelay, Duration drainTimeout) {
    /** Port used when {@code server.port} is not set (each service's application.yaml sets its own). */
    public static final int DEFAULT_PORT = 8080;
    /** Longest accepted drain delay or timeout: beyond this an orchestrator has long since killed us. */
    public static final Duration MAX_DRAIN = Duration.ofMinutes(10);

    /**
     * Reads and validates the {@code server} section.
     *
     * @param server the {@code server} configuration node
     * @return validated settings
     * @throws InvalidConfigException naming the first invalid key
     */
    public static ServerSettings create(Config server) {
        return new ServerSettings(
                ConfigValues.nonBlank(server.get("host"), "0.0.0.0"),
                ConfigValues.intIn(server.get("port"), DEFAULT_PORT, 0, 65_535),
                ConfigValues.durationIn(server.get("drain.delay"), Duration.ZERO, Duration.ZERO, MAX_DRAIN),
                ConfigValues.durationIn(server.get("drain.timeout"), Duration.ofSeconds(20), Duration.ZERO, MAX_DRAIN));
    }
}
