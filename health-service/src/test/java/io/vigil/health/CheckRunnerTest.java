package io.vigil.health;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.tracing.Tracer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import io.vigil.common.health.HealthStatus;
import io.vigil.health.check.CheckMetrics;
import io.vigil.health.check.CheckResult;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.Reading;
import io.vigil.health.report.CheckHistory;
import io.vigil.health.report.HealthReport;
import io.vigil.health.testing.FakeProbe;
import io.vigil.health.testing.HealthConfig;
import io.vigil.health.testing.StubHttpServer;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CheckRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final List<Duration> RETRIES = List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80),
                                                          Duration.ofMillis(160));

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

    @Test
    void aTargetThatStartsAfterTheCheckerPassesWithinSecondsNotAtTheNextRefresh() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // Refreshes an hour apart: only the start-up retries can see the target come up during this test.
        HealthSettings settings = HealthConfig.settings("""
                health:
                  refresh-interval: PT1H
                  checks:
                    - {name: r6-late, type: http, url: "http://127.0.0.1:%d/observe/health/ready", timeout: PT1S}
                """.formatted(port));
        runner = new CheckRunner(settings, registry);
        runner.start();
        awaitReady(runner);
        assertThat(runner.report().status(), is(HealthStatus.FAIL));

        try (StubHttpServer late = StubHttpServer.start(port)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (runner.report().status() != HealthStatus.PASS && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(runner.report().status(), is(HealthStatus.PASS));
            assertThat(late.requests(), greaterThanOrEqualTo(1));
            List<CheckResult> history = runner.history("r6-late").orElseThrow().recent();
            assertThat(history.getFirst().status(), is(HealthStatus.PASS));
            assertThat(history.getLast().status(), is(HealthStatus.FAIL));
        }
    }

    @Test
    void aRefreshOutsideTheBackgroundScheduleIsNotRetried() throws Exception {
        FakeProbe probe = FakeProbe.doing(() -> Reading.fail(1, "connection refused"));
        runner = new CheckRunner(new HealthSettings(Duration.ofHours(1), 20, "test", "test",
                                                    List.of(probe.check("r10-down", true, TIMEOUT, null))),
                                 registry, Tracer.noOp(), RETRIES);
        runner.refresh();
        TimeUnit.MILLISECONDS.sleep(500);

        assertThat(probe.reads(), is(1));
    }

    @Test
    void startUpRetriesStopOnceACheckHasPassed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeProbe probe = FakeProbe.doing(() -> calls.incrementAndGet() < 3
                ? Reading.fail(1, "connection refused")
                : Reading.ok(1));
        runner = new CheckRunner(new HealthSettings(Duration.ofHours(1), 20, "test", "test",
                                                    List.of(probe.check("r7-starting", true, TIMEOUT, null))),
                                 registry, Tracer.noOp(), RETRIES);
        runner.start();
        awaitReads(probe, 3);
        TimeUnit.MILLISECONDS.sleep(500);

        // The refresh failed, the first retry failed, the second passed: no more retries after that.
        assertThat(probe.reads(), is(3));
        assertThat(runner.report().status(), is(HealthStatus.PASS));
    }

    @Test
    void startUpRetriesAreBoundedAndNeverOpenTheCircuit() throws Exception {
        FakeProbe probe = FakeProbe.doing(() -> Reading.fail(1, "connection refused"));
        runner = new CheckRunner(new HealthSettings(Duration.ofHours(1), 20, "test", "test",
                                                    List.of(probe.check("r8-down", true, TIMEOUT, null))),
                                 registry, Tracer.noOp(), RETRIES);
        runner.start();
        awaitReads(probe, 1 + RETRIES.size());
        TimeUnit.MILLISECONDS.sleep(500);

        // The refresh and each retry probed (outside the breaker, which opens after 3 failures); then nothing more
        // until the next refresh.
        assertThat(probe.reads(), is(1 + RETRIES.size()));
        assertThat(runner.report().result("r8-down").orElseThrow().output(), is(Optional.of("connection refused")));
        assertThat(runner.history("r8-down").orElseThrow().recent().size(), is(1 + RETRIES.size()));
    }

    @Test
    void aRetryDelayNotShorterThanTheRefreshIntervalIsLeftToTheRefresh() throws Exception {
        FakeProbe probe = FakeProbe.doing(() -> Reading.fail(1, "connection refused"));
        runner = new CheckRunner(new HealthSettings(Duration.ofSeconds(1), 20, "test", "test",
                                                    List.of(probe.check("r9-down", true, TIMEOUT, null))),
                                 registry, Tracer.noOp(), List.of(Duration.ofMillis(50), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        runner.start();
        awaitReads(probe, 2);
        TimeUnit.NANOSECONDS.sleep(start + TimeUnit.MILLISECONDS.toNanos(1800) - System.nanoTime());

        // By 1.8 s: the refresh at 0, the retry at 50 ms, the refresh at 1 s; a retry 1 s after the first one would
        // have been a fourth read. (A busy machine can only make reads late, never early.)
        assertThat(probe.reads(), lessThanOrEqualTo(3));
    }

    private static void awaitReady(CheckRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runner.readiness().call().status() != HealthCheckResponse.Status.UP && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(runner.readiness().call().status(), is(HealthCheckResponse.Status.UP));
    }

    private static void awaitReads(FakeProbe probe, int reads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (probe.reads() < reads && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(probe.reads(), greaterThanOrEqualTo(reads));
    }

    private CheckRunner runner(Duration interval, CheckSettings... checks) {
        return new CheckRunner(new HealthSettings(interval, 20, "test", "test", List.of(checks)), registry);
    }

    private static List<Tag> tags(String check) {
        return List.of(Tag.create("check", check));
    }
}
