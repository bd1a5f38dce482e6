package io.vigil.health.check;

import java.time.Duration;
import java.util.Set;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * A check's circuit breaker: after {@code failures} failed probes in a row the check stops probing for
 * {@code delay} and reports {@code fail} with output {@code circuit open}; then one probe is let through,
 * and its success closes the circuit again.
 *
 * @param failures failed probes in a row that open the circuit ({@code circuit-breaker.failures}, default 3)
 * @param delay    how long the circuit stays open ({@code circuit-breaker.delay}, default 5 s)
 */
public record BreakerSettings(int failures, Duration delay) {
    /** The breaker a check gets when it configures none. */
    public static final BreakerSettings DEFAULTS = new BreakerSettings(3, Duration.ofSeconds(5));

    /**
     * Reads a {@code circuit-breaker} section.
     *
     * @param section configuration section, possibly missing
     * @return validated settings
     */
    public static BreakerSettings create(Config section) {
        ConfigValues.onlyKnown(section, Set.of("failures", "delay"));
        return new BreakerSettings(
                ConfigValues.intIn(section.get("failures"), DEFAULTS.failures(), 1, 100),
                ConfigValues.durationIn(section.get("delay"), DEFAULTS.delay(), Duration.ofMillis(10), Duration.ofHours(1)));
    }
}
