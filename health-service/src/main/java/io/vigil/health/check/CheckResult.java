package io.vigil.health.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vigil.common.health.HealthStatus;
import io.vigil.common.Result;
import io.vigil.health.probe.Reading;

/**
 * The outcome of running one check once.
 *
 * @param check         the check
 * @param status        pass, warn or fail
 * @param observedValue what the probe measured; empty when it measured nothing (timeout, circuit open, error)
 * @param time          when the check started
 * @param duration      how long the check took, probe and guards together
 * @param output        why it is not {@code pass}; empty when it is
 */
public record CheckResult(CheckSettings check, HealthStatus status, Optional<Number> observedValue, Instant time,
                   Duration duration, Optional<String> output) {
    /** Output of a check that has not run yet. */
    public static final String NOT_CHECKED = "not checked yet";

    /**
     * What a check reports before its first run: {@code warn}, since nothing is known yet.
     *
     * @param check the check
     * @param time  when the service started
     * @return a result without value
     */
    public static CheckResult pending(CheckSettings check, Instant time) {
        return new CheckResult(check, HealthStatus.WARN, Optional.empty(), time, Duration.ZERO, Optional.of(NOT_CHECKED));
    }

    /**
     * Classifies the outcome of a guarded probe: a failed reading or no reading at all is {@code fail}; a
     * reading slower than the check's {@code warn-above} is {@code warn}; anything else {@code pass}.
     *
     * @param check    the check
     * @param outcome  the reading, or why there is none
     * @param time     when the check started
     * @param duration how long it took
     * @return the result
     */
    public static CheckResult of(CheckSettings check, Result<Reading> outcome, Instant time, Duration duration) {
        return switch (outcome) {
            case Result.Err<Reading> err -> new CheckResult(check, HealthStatus.FAIL, Optional.empty(), time, duration,
                                                            Optional.of(err.reason()));
            case Result.Ok<Reading> ok -> of(check, ok.value(), time, duration);
        };
    }

    private static CheckResult of(CheckSettings check, Reading reading, Instant time, Duration duration) {
        Optional<Number> value = Optional.of(reading.value());
        if (reading.failure().isPresent()) {
            return new CheckResult(check, HealthStatus.FAIL, value, time, duration, reading.failure());
        }
        Optional<String> slow = check.warnAbove()
                .filter(limit -> reading.value().longValue() > limit.toMillis())
                .map(limit -> "response time " + reading.value() + " ms (expected: at most " + limit.toMillis() + " ms)");
        return new CheckResult(check, slow.isPresent() ? HealthStatus.WARN : HealthStatus.PASS, value, time, duration, slow);
    }

    /**
     * Whether the dependency was usable: {@code pass} or {@code warn}, as uptime counts it.
     *
     * @return {@code true} unless the check failed
     */
    public boolean up() {
        return status != HealthStatus.FAIL;
    }
}
