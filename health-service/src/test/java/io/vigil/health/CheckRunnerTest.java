package io.vigil.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import io.vigil.common.health.HealthStatus;
import io.vigil.health.check.CheckMetrics;
import io.vigil.health.check.CheckResult;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.Reading;
import io.vigil.health.report.CheckHistory;
import io.vigil.health.report.HealthReport;
import io.vigil.health.testing.FakeProbe;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CheckRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final CountDownLatch release = new CountDownLatch(1);
    private final MeterRegistry registry = Metrics.globalRegistry();
    private CheckRunner runner;

    @AfterEach
    void stop() {
        release.countDown();
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void beforeTheFirstRefreshEveryCheckIsUncheckedAndTheServiceNotReady() {
        runner = runner(Duration.ofHours(1), FakeProbe.answering(1).check("r1-a", true, TIMEOUT, null));

        assertThat(runner.report().status(), is(HealthStatus.WARN));
        assertThat(runner.report().results().getFirst().output(), is(Optional.of(CheckResult.NOT_CHECKED)));
        HealthCheckResponse before = runner.readiness().call();
        assertThat(before.status(), is(HealthCheckResponse.Status.DOWN));
        assertThat(runner.readiness().type(), is(HealthCheckType.READINESS));
        assertThat(runner.readiness().name(), is("checks-refreshed"));
        assertThat(runner.history("r1-a").orElseThrow().recent().size(), is(0));
    }

    @Test
    void afterTheFirstRefreshTheServiceIsReadyEvenWhenChecksFail() {
        runner = runner(Duration.ofHours(1), FakeProbe.doing(() -> {
            throw new IllegalStateException("down");
        }).check("r2-down", true, TIMEOUT, null));

        HealthReport report = runner.refresh();

        assertThat(report.status(), is(HealthStatus.FAIL));
        HealthCheckResponse ready = runner.readiness().call();
        assertThat(ready.status(), is(HealthCheckResponse.Status.UP));
        assertThat(ready.details().get("checks"), is(1));
        assertThat(runner.history("r2-down").orElseThrow().recent().size(), is(1));
        assertThat(runner.history("nothing"), is(Optional.empty()));
    }

    @Test
    void aHangingCheckDelaysARefreshByItsTimeoutNotByTheNumberOfChecks() {
        List<CheckSettings> checks = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            checks.add(FakeProbe.answering(1).check("r3-ok-" + i, true, TIMEOUT, null));
        }
        checks.add(FakeProbe.hanging(release, true).check("r3-hanging", false, TIMEOUT, null));
        runner = runner(Duration.ofHours(1), checks.toArray(CheckSettings[]::new));

        long start = System.nanoTime();
        HealthReport report = runner.refresh();
        long millis = (System.nanoTime() - start) / 1_000_000;

        // One refresh waits for its slowest probe, bounded by the timeout; one by one the 50 would take far longer.
        assertThat(millis, lessThan(5 * TIMEOUT.toMillis()));
        assertThat(report.status(), is(HealthStatus.WARN));
        assertThat(report.result("r3-hanging").orElseThrow().output(), is(Optional.of("timed out after 1000 ms")));
        assertThat(report.results().stream().filter(r -> r.status() == HealthStatus.PASS).count(), is(49L));
    }

    @Test
    void eachResultIsMetered() {
        runner = runner(Duration.ofHours(1),
                        FakeProbe.answering(1).check("r4-up", true, TIMEOUT, null),
                        FakeProbe.doing(() -> Reading.fail(1, "HTTP 500")).check("r4-down", false, TIMEOUT, null));

        long refreshes = registry.timer(CheckRunner.REFRESH_DURATION, List.of()).orElseThrow().count();
        runner.refresh();
        runner.refresh();

        assertThat(registry.timer(CheckRunner.REFRESH_DURATION, List.of()).orElseThrow().count(), is(refreshes + 2));
        assertThat(registry.counter(CheckMetrics.FAILURES, tags("r4-down")).orElseThrow().count(), is(2L));
        assertThat(registry.counter(CheckMetrics.FAILURES, tags("r4-up")).orElseThrow().count(), is(0L));
        assertThat(registry.timer(CheckMetrics.DURATION, tags("r4-up")).orElseThrow().count(), is(2L));
        assertThat(registry.gauge(CheckMetrics.STATUS, tags("r4-down")).orElseThrow().value().intValue(), is(2));
        assertThat(registry.gauge(CheckMetrics.STATUS, tags("r4-up")).orElseThrow().value().intValue(), is(0));
    }

    @Test
    void startRefreshesInTheBackgroundUntilClosed() throws InterruptedException {
        runner = runner(Duration.ofMillis(20), FakeProbe.answering(1).check("r5-a", true, TIMEOUT, null));

        runner.start();
        CheckHistory history = runner.history("r5-a").orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (history.recent().size() < 3 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(history.recent().size(), greaterThanOrEqualTo(3));
        assertThat(runner.report().status(), is(HealthStatus.PASS));

        runner.close();
        TimeUnit.MILLISECONDS.sleep(50);
        int afterClose = history.recent().size();
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat(history.recent().size(), is(afterClose));
    }

    private CheckRunner runner(Duration interval, CheckSettings... checks) {
        return new CheckRunner(new HealthSettings(interval, 20, "test", "test", List.of(checks)), registry);
    }

    private static List<Tag> tags(String check) {
        return List.of(Tag.create("check", check));
    }
}
