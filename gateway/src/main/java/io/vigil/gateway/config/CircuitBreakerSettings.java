package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * When the circuit of an upstream's endpoint opens and how it closes again
 * ({@code gateway.upstreams.<name>.circuit-breaker}); each endpoint has its own circuit.
 *
 * @param volume           how many recent calls the error ratio is computed over ({@code volume}, default 20)
 * @param errorRatio       percentage of failed calls among them that opens the circuit ({@code error-ratio}, default 50)
 * @param delay            how long the circuit stays open before one trial call is let through
 *                         ({@code delay}, default 5 s)
 * @param successThreshold successful trial calls that close it again ({@code success-threshold}, default 2)
 */
public record CircuitBreakerSettings(int volume, int errorRatio, Duration delay, int successThreshold) {
    /** The defaults. */
    public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(20, 50, Duration.ofSeconds(5), 2);

    /**
     * Reads and validates the {@code circuit-breaker} section of an upstream.
     *
     * @param breaker the {@code circuit-breaker} node (may be missing)
     * @return validated settings
     */
    public static CircuitBreakerSettings create(Config breaker) {
        return new CircuitBreakerSettings(
                ConfigValues.intIn(breaker.get("volume"), DEFAULTS.volume(), 1, 10_000),
                ConfigValues.intIn(breaker.get("error-ratio"), DEFAULTS.errorRatio(), 1, 100),
                ConfigValues.durationIn(breaker.get("delay"), DEFAULTS.delay(), Duration.ofMillis(1), Duration.ofHours(1)),
                ConfigValues.intIn(breaker.get("success-threshold"), DEFAULTS.successThreshold(), 1, 1_000));
    }
}
