package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * Passive outlier ejection, modelled on Envoy's ({@code gateway.upstreams.<name>.outlier-ejection}): an endpoint
 * that fails this many times in a row (refused or broken connections, timeouts, 5xx answers) leaves the rotation for
 * {@code base-time} times the number of its ejections so far, at most {@code max-time}; a readiness probe that sees it
 * recover brings it back sooner. Never more than {@code max-percent} of the endpoints are out at once (at least one
 * may always be).
 *
 * @param consecutiveFailures failures in a row that eject ({@code consecutive-failures}, default 5)
 * @param baseTime            first ejection's length ({@code base-time}, default 30 s)
 * @param maxTime             longest ejection ({@code max-time}, default 300 s)
 * @param maxPercent          share of the endpoints that may be ejected at once ({@code max-percent}, default 50;
 *                            0 turns ejection off)
 */
public record OutlierSettings(int consecutiveFailures, Duration baseTime, Duration maxTime, int maxPercent) {
    /** The defaults. */
    public static final OutlierSettings DEFAULTS = new OutlierSettings(5, Duration.ofSeconds(30), Duration.ofSeconds(300), 50);

    /**
     * Reads and validates the {@code outlier-ejection} section of an upstream.
     *
     * @param ejection the {@code outlier-ejection} node (may be missing)
     * @return validated settings
     */
    public static OutlierSettings create(Config ejection) {
        Duration base = ConfigValues.durationIn(ejection.get("base-time"), DEFAULTS.baseTime(), Duration.ofMillis(1),
                                                Duration.ofHours(1));
        return new OutlierSettings(
                ConfigValues.intIn(ejection.get("consecutive-failures"), DEFAULTS.consecutiveFailures(), 1, 1_000),
                base,
                ConfigValues.durationIn(ejection.get("max-time"), base.compareTo(DEFAULTS.maxTime()) > 0 ? base
                        : DEFAULTS.maxTime(), base, Duration.ofDays(1)),
                ConfigValues.intIn(ejection.get("max-percent"), DEFAULTS.maxPercent(), 0, 100));
    }
}
