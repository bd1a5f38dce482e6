package io.vigil.gateway;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * How {@code GET /api/v1/health} looks at the upstreams ({@code gateway.health}).
 *
 * @param probePath    readiness path probed on every upstream ({@code probe-path}, default
 *                     {@code /observe/health/ready})
 * @param probeTimeout longest wait for a probe or for the health-service report ({@code probe-timeout}, default 1 s)
 * @param cacheFor     how long a probe result is reused before the next request probes again ({@code cache-for},
 *                     default 2 s), so frequent polling does not multiply into upstream load
 */
public record HealthSettings(String probePath, Duration probeTimeout, Duration cacheFor) {
    /** The defaults. */
    public static final HealthSettings DEFAULTS = new HealthSettings("/observe/health/ready", Duration.ofSeconds(1),
                                                                     Duration.ofSeconds(2));

    /**
     * Reads and validates the {@code gateway.health} section.
     *
     * @param health the {@code gateway.health} node (may be missing)
     * @return validated settings
     */
    public static HealthSettings create(Config health) {
        return new HealthSettings(
                ConfigValues.oneOf(health.get("probe-path"), DEFAULTS.probePath(), HealthSettings::absolutePath,
                                   "an absolute path such as /observe/health/ready"),
                ConfigValues.durationIn(health.get("probe-timeout"), DEFAULTS.probeTimeout(), Duration.ofMillis(1),
                                        Duration.ofMinutes(1)),
                ConfigValues.durationIn(health.get("cache-for"), DEFAULTS.cacheFor(), Duration.ZERO, Duration.ofMinutes(10)));
    }

    private static String absolutePath(String text) {
        String path = text.trim();
        if (!path.startsWith("/") || path.contains(" ")) {
            throw new IllegalArgumentException(path);
        }
        return path;
    }
}
