package io.vigil.health.probe;

import java.util.Optional;

/**
 * What one probe saw: the observed value (a response time, free bytes, a heap percentage) and, when the
 * dependency was not as expected, why.
 *
 * @param value   the observed value in the probe's unit
 * @param failure why the dependency is not as expected; empty when it is
 */
public record Reading(Number value, Optional<String> failure) {
    /**
     * A reading of a dependency that is as expected.
     *
     * @param value the observed value
     * @return reading without failure
     */
    public static Reading ok(Number value) {
        return new Reading(value, Optional.empty());
    }

    /**
     * A reading of a dependency that is not as expected.
     *
     * @param value  the observed value
     * @param reason why that is a failure, e.g. {@code HTTP 503 (expected: 200-299)}
     * @return failed reading
     */
    public static Reading fail(Number value, String reason) {
        return new Reading(value, Optional.of(reason));
    }
}
