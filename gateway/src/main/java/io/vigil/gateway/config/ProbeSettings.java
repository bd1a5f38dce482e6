package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * The active readiness probe of each endpoint ({@code gateway.upstreams.<name>.probe}): a {@code GET} of its readiness
 * path every interval. An endpoint that answers anything but 2xx (a draining one answers 503) or does not answer in
 * time leaves the rotation until a probe passes again.
 *
 * @param path     readiness path ({@code path}, default {@code /observe/health/ready})
 * @param interval time between probes of an endpoint ({@code interval}, default 1 s)
 * @param timeout  longest wait for an answer ({@code timeout}, default 1 s)
 */
public record ProbeSettings(String path, Duration interval, Duration timeout) {
    /** The defaults. */
    public static final ProbeSettings DEFAULTS = new ProbeSettings("/observe/health/ready", Duration.ofSeconds(1),
                                                                   Duration.ofSeconds(1));

    /**
     * Reads and validates the {@code probe} section of an upstream.
     *
     * @param probe the {@code probe} node (may be missing)
     * @return validated settings
     */
    public static ProbeSettings create(Config probe) {
        return new ProbeSettings(
                ConfigValues.oneOf(probe.get("path"), DEFAULTS.path(), ProbeSettings::absolutePath,
                                   "an absolute path such as /observe/health/ready"),
                ConfigValues.durationIn(probe.get("interval"), DEFAULTS.interval(), Duration.ofMillis(10), Duration.ofHours(1)),
                ConfigValues.durationIn(probe.get("timeout"), DEFAULTS.timeout(), Duration.ofMillis(1), Duration.ofMinutes(1)));
    }

    private static String absolutePath(String text) {
        String path = text.trim();
        if (!path.startsWith("/") || path.contains(" ")) {
            throw new IllegalArgumentException(path);
        }
        return path;
    }
}
