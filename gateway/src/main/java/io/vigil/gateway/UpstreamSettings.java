package io.vigil.gateway;

import java.net.URI;
import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * One backend the gateway forwards to ({@code gateway.upstreams.<name>}).
 *
 * @param name           upstream name, used in problems, logs and metrics
 * @param baseUri        where it listens ({@code base-uri}, required)
 * @param connectTimeout longest wait for a connection ({@code connect-timeout}, default 1 s)
 * @param readTimeout    longest wait for response bytes ({@code read-timeout}, default 30 s)
 */
public record UpstreamSettings(String name, URI baseUri, Duration connectTimeout, Duration readTimeout) {
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /**
     * Reads and validates one upstream.
     *
     * @param upstream the {@code gateway.upstreams.<name>} node
     * @return validated settings
     */
    public static UpstreamSettings create(Config upstream) {
        return new UpstreamSettings(
                upstream.name(),
                ConfigValues.httpUri(upstream.get("base-uri")),
                ConfigValues.durationIn(upstream.get("connect-timeout"), Duration.ofSeconds(1), Duration.ofMillis(1),
                                        MAX_TIMEOUT),
                ConfigValues.durationIn(upstream.get("read-timeout"), Duration.ofSeconds(30), Duration.ofMillis(1),
                                        MAX_TIMEOUT));
    }
}
