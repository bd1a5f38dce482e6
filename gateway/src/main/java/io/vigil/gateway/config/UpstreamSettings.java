package io.vigil.gateway.config;

import java.util.Locale;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * One backend service the gateway forwards to ({@code gateway.upstreams.<name>}): its endpoints and how they are
 * found, checked and balanced, and the resilience settings its routes share.
 *
 * @param name            upstream name, used in routes, problems, logs and metrics
 * @param discovery       where its endpoints are ({@code endpoints} or {@code dns}, {@code discovery-interval})
 * @param timeouts        connect, read and overall timeouts, the defaults of its routes
 * @param critical        whether the platform fails when this upstream does ({@code critical}, default true);
 *                        used by {@code GET /api/v1/health}
 * @param retry           retries ({@code retry})
 * @param circuitBreaker  the circuit breaker of each endpoint ({@code circuit-breaker})
 * @param bulkhead        concurrency limit of the whole upstream ({@code bulkhead})
 * @param pool            keep-alive connections of each endpoint ({@code pool})
 * @param outlierEjection passive outlier ejection ({@code outlier-ejection})
 * @param probe           active readiness probe of each endpoint ({@code probe})
 */
public record UpstreamSettings(String name,
                               DiscoverySettings discovery,
                               Timeouts timeouts,
                               boolean critical,
                               RetrySettings retry,
                               CircuitBreakerSettings circuitBreaker,
                               BulkheadSettings bulkhead,
                               PoolSettings pool,
                               OutlierSettings outlierEjection,
                               ProbeSettings probe) {
    /**
     * Reads and validates one upstream.
     *
     * @param upstream the {@code gateway.upstreams.<name>} node
     * @return validated settings
     */
    public static UpstreamSettings create(Config upstream) {
        return new UpstreamSettings(
                upstream.name(),
                DiscoverySettings.create(upstream),
                Timeouts.create(upstream, Timeouts.DEFAULTS),
                ConfigValues.oneOf(upstream.get("critical"), Boolean.TRUE, UpstreamSettings::bool, "true or false"),
                RetrySettings.create(upstream.get("retry")),
                CircuitBreakerSettings.create(upstream.get("circuit-breaker")),
                BulkheadSettings.create(upstream.get("bulkhead")),
                PoolSettings.create(upstream.get("pool")),
                OutlierSettings.create(upstream.get("outlier-ejection")),
                ProbeSettings.create(upstream.get("probe")));
    }

    private static Boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
