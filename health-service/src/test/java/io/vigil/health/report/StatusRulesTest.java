package io.vigil.health.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vigil.common.health.HealthStatus;
import io.vigil.common.Result;

import org.junit.jupiter.api.Test;
import io.vigil.health.check.CheckResult;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.Reading;
import io.vigil.health.testing.FakeProbe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * How a probe's outcome becomes a check status, and check statuses the overall status.
 */
class StatusRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aReadingAsExpectedInTimePasses() {
        CheckResult result = classify(check(true, Duration.ofMillis(500)), Result.ok(Reading.ok(120)));

        assertThat(result.status(), is(HealthStatus.PASS));
        assertThat(result.observedValue(), is(Optional.of(120)));
        assertThat(result.output(), is(Optional.empty()));
    }

    @Test
    void aReadingSlowerThanWarnAboveWarns() {
        CheckResult result = classify(check(true, Duration.ofMillis(100)), Result.ok(Reading.ok(120)));

        assertThat(result.status(), is(HealthStatus.WARN));
        assertThat(result.output(), is(Optional.of("response time 120 ms (expected: at most 100 ms)")));
        assertThat(classify(check(true, Duration.ofMillis(120)), Result.ok(Reading.ok(120))).status(), is(HealthStatus.PASS));
        assertThat(classify(check(true, null), Result.ok(Reading.ok(120_000))).status(), is(HealthStatus.PASS));
    }

    @Test
    void aFailedReadingOrNoReadingFails() {
        CheckResult wrong = classify(check(true, null), Result.ok(Reading.fail(3, "HTTP 503 (expected: 200-299)")));
        assertThat(wrong.status(), is(HealthStatus.FAIL));
        assertThat(wrong.observedValue(), is(Optional.of(3)));
        assertThat(wrong.output(), is(Optional.of("HTTP 503 (expected: 200-299)")));

        CheckResult none = classify(check(true, Duration.ofMillis(1)), Result.err("timed out after 1000 ms"));
        assertThat(none.status(), is(HealthStatus.FAIL));
        assertThat(none.observedValue(), is(Optional.empty()));
        assertThat(none.output(), is(Optional.of("timed out after 1000 ms")));
    }

    @Test
    void aCriticalFailureFailsTheReport() {
        assertThat(overall(pass(), fail(true), warn()), is(HealthStatus.FAIL));
    }

    @Test
    void aNonCriticalFailureOnlyWarns() {
        assertThat(overall(pass(), fail(false)), is(HealthStatus.WARN));
    }

    @Test
    void aSlowCheckWarns() {
        assertThat(overall(pass(), warn()), is(HealthStatus.WARN));
    }

    @Test
    void allPassingPassesAndNoChecksPassToo() {
        assertThat(overall(pass(), pass()), is(HealthStatus.PASS));
        assertThat(overall(), is(HealthStatus.PASS));
    }

    @Test
    void checksNotRunYetWarn() {
        CheckResult pending = CheckResult.pending(check(true, null), NOW);

        assertThat(pending.status(), is(HealthStatus.WARN));
        assertThat(pending.output(), is(Optional.of(CheckResult.NOT_CHECKED)));
        assertThat(overall(pending, pass()), is(HealthStatus.WARN));
    }

    @Test
    void theReportFindsResultsByName() {
        CheckResult pass = pass();
        HealthReport report = HealthReport.of(List.of(pass), NOW);

        assertThat(report.result("c"), is(Optional.of(pass)));
        assertThat(report.result("other"), is(Optional.empty()));
    }

    private static CheckSettings check(boolean critical, Duration warnAbove) {
        return FakeProbe.answering(1).check("c", critical, TIMEOUT, warnAbove);
    }

    private static CheckResult classify(CheckSettings check, Result<Reading> outcome) {
        return CheckResult.of(check, outcome, NOW, Duration.ofMillis(5));
    }

    private static CheckResult pass() {
        return classify(check(true, null), Result.ok(Reading.ok(1)));
    }

    private static CheckResult warn() {
        return classify(check(true, Duration.ZERO), Result.ok(Reading.ok(1)));
    }

    private static CheckResult fail(boolean critical) {
        return classify(check(critical, null), Result.err("down"));
    }

    private static HealthStatus overall(CheckResult... results) {
        return HealthReport.of(List.of(results), NOW).status();
    }
}
