package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * Keep-alive connections to each endpoint of an upstream ({@code gateway.upstreams.<name>.pool}).
 *
 * @param maxIdle     idle connections kept open for reuse, per endpoint ({@code max-idle}, default 256)
 * @param idleTimeout an idle connection older than this is closed instead of reused ({@code idle-timeout},
 *                    default 30 s; keep it below the upstream's own idle timeout)
 */
public record PoolSettings(int maxIdle, Duration idleTimeout) {
    /** The defaults. */
    public static final PoolSettings DEFAULTS = new PoolSettings(256, Duration.ofSeconds(30));

    /**
     * Reads and validates the {@code pool} section of an upstream.
     *
     * @param pool the {@code pool} node (may be missing)
     * @return validated settings
     */
    public static PoolSettings create(Config pool) {
        return new PoolSettings(ConfigValues.intIn(pool.get("max-idle"), DEFAULTS.maxIdle(), 0, 100_000),
                                ConfigValues.durationIn(pool.get("idle-timeout"), DEFAULTS.idleTimeout(), Duration.ofMillis(1),
                                                        Duration.ofHours(1)));
    }
}
