package io.vigil.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * One backend the gateway forwards to ({@code gateway.upstreams.<name>}).
 *
 * @param name           upstream name, used in problems, logs and metrics
 * @param baseUri        where it listens ({@code base-uri}, required; {@code http} only)
 * @param connectTimeout longest wait for a connection ({@code connect-timeout}, default 1 s)
 * @param readTimeout    longest wait for the next bytes of the response ({@code read-timeout}, default 30 s)
 * @param deadline       longest time from the start of a request until the upstream's response headers arrive,
 *                       including waiting for a place, retries and backoff, and sending the request body
 *                       ({@code deadline}, default 60 s); then a 504
 * @param critical       whether the platform fails when this upstream does ({@code critical}, default true);
 *                       used by {@code GET /api/v1/health}
 * @param retry          retries of bodiless idempotent requests
 * @param circuitBreaker circuit breaker
 * @param bulkhead       concurrency limit
 * @param pool           keep-alive connections
 */
public record UpstreamSettings(String name,
                               URI baseUri,
                               Duration connectTimeout,
                               Duration readTimeout,
                               Duration deadline,
                               boolean critical,
                               RetrySettings retry,
                               CircuitBreakerSettings circuitBreaker,
                               BulkheadSettings bulkhead,
                               PoolSettings pool) {
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
                httpOnly(upstream.get("base-uri")),
                ConfigValues.durationIn(upstream.get("connect-timeout"), Duration.ofSeconds(1), Duration.ofMillis(1),
                                        MAX_TIMEOUT),
                ConfigValues.durationIn(upstream.get("read-timeout"), Duration.ofSeconds(30), Duration.ofMillis(1),
                                        MAX_TIMEOUT),
                ConfigValues.durationIn(upstream.get("deadline"), Duration.ofSeconds(60), Duration.ofMillis(1), MAX_TIMEOUT),
                ConfigValues.oneOf(upstream.get("critical"), Boolean.TRUE, UpstreamSettings::bool, "true or false"),
                RetrySettings.create(upstream.get("retry")),
                CircuitBreakerSettings.create(upstream.get("circuit-breaker")),
                BulkheadSettings.create(upstream.get("bulkhead")),
                PoolSettings.create(upstream.get("pool")));
    }

    /**
     * The port to connect to: the URI's, or 80.
     *
     * @return port
     */
    public int port() {
        return baseUri.getPort() == -1 ? 80 : baseUri.getPort();
    }

    /**
     * The value of the {@code Host} header sent upstream.
     *
     * @return host, with the port when the URI names one
     */
    public String hostHeader() {
        return baseUri.getPort() == -1 ? baseUri.getHost() : baseUri.getHost() + ":" + baseUri.getPort();
    }

    /**
     * The base URI's path without a trailing slash, prefixed to every upstream path ({@code ""} for none).
     *
     * @return path prefix
     */
    public String pathPrefix() {
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The gateway speaks plain HTTP/1.1 to upstreams inside the platform's network; TLS ends at the ingress. */
    private static URI httpOnly(Config node) {
        URI uri = ConfigValues.httpUri(node);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidConfigException(node.key().toString(), uri.toString(),
                                             "an absolute http URI such as http://localhost:8082 (TLS to upstreams is not "
                                                     + "supported: it ends at the ingress)");
        }
        return uri;
    }

    private static Boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
