package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * How {@code GET /api/v1/health} looks at the upstreams ({@code gateway.health}). Each endpoint's readiness comes from
 * its upstream's probe ({@code gateway.upstreams.<name>.probe}).
 *
 * @param reportTimeout longest wait for the health-service report ({@code report-timeout}, default 1 s)
 * @param cacheFor      a probe result older than this is refreshed by the request that asks ({@code cache-for},
 *                      default 2 s); the background probes keep results younger than that
 */
public record HealthSettings(Duration reportTimeout, Duration cacheFor) {
    /** The defaults. */
    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(1), Duration.ofSeconds(2));

    /**
     * Reads and validates the {@code gateway.health} section.
     *
     * @param health the {@code gateway.health} node (may be missing)
     * @return validated settings
     */
    public static HealthSettings create(Config health) {
        return new HealthSettings(
                ConfigValues.durationIn(health.get("report-timeout"), DEFAULTS.reportTimeout(), Duration.ofMillis(1),
                                        Duration.ofMinutes(1)),
                ConfigValues.durationIn(health.get("cache-for"), DEFAULTS.cacheFor(), Duration.ZERO, Duration.ofMinutes(10)));
    }
}
