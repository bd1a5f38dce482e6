package io.vigil.health.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.vigil.common.health.HealthStatus;
import io.vigil.health.check.CheckResult;

/**
 * The latest result of every check and the status they add up to: {@code fail} when a critical check
 * fails; {@code warn} when a non-critical check fails or any check warns (for example, is slower than its
 * threshold); {@code pass} otherwise.
 *
 * @param status  the overall status
 * @param results the latest result of each check, in configuration order
 * @param time    when these results were complete
 */
public record HealthReport(HealthStatus status, List<CheckResult> results, Instant time) {
    /**
     * Creates a report.
     */
    public HealthReport {
        results = List.copyOf(results);
    }

    /**
     * Adds up results.
     *
     * @param results the latest result of each check
     * @param time    when they were complete
     * @return the report
     */
    public static HealthReport of(List<CheckResult> results, Instant time) {
        HealthStatus status = HealthStatus.PASS;
        for (CheckResult result : results) {
            status = status.worse(contribution(result));
        }
        return new HealthReport(status, results, time);
    }

    /**
     * The latest result of a check.
     *
     * @param name the check's name
     * @return its result; empty when no check has that name
     */
    public Optional<CheckResult> result(String name) {
        return results.stream().filter(result -> result.check().name().equals(name)).findFirst();
    }

    private static HealthStatus contribution(CheckResult result) {
        if (result.status() == HealthStatus.FAIL && !result.check().critical()) {
            return HealthStatus.WARN;
        }
        return result.status();
    }
}
