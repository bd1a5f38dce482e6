package io.vigil.health;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.tracing.Tracer;
import io.vigil.common.health.HealthStatus;
import io.vigil.common.health.Readiness;
import io.vigil.common.Result;
import io.vigil.health.check.Check;
import io.vigil.health.check.CheckMetrics;
import io.vigil.health.check.CheckResult;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.ProbeFailure;
import io.vigil.health.report.CheckHistory;
import io.vigil.health.report.HealthReport;

/**
 * Keeps the results of all checks fresh: every {@code refresh-interval} it runs all checks at once, one
 * virtual thread each, waits for each at most its timeout, and publishes the results as one
 * {@link HealthReport} that requests read without waiting. Also keeps each check's history and meters, and
 * times each refresh ({@code vigil_health_refresh_duration_seconds}). When the service traces, a refresh is a trace:
 * a {@code health refresh} span with one child span per check.
 */
final class CheckRunner implements AutoCloseable {
    /**
     * How much longer than its timeout a refresh waits for a check. A check gives up on its probe by itself
     * at its timeout; this only covers a check thread that is slow to be scheduled on a busy machine.
     */
    static final Duration GRACE = Duration.ofMillis(250);

    /** Name of the timer of whole refreshes. */
    static final String REFRESH_DURATION = "vigil.health.refresh.duration";

    private static final System.Logger LOGGER = System.getLogger(CheckRunner.class.getName());

    private final HealthSettings settings;
    private final List<Check> checks;
    private final Map<String, CheckHistory> histories = new LinkedHashMap<>();
    private final Map<String, CheckMetrics> metrics = new LinkedHashMap<>();
    private final Timer refreshDuration;
    private final Tracer tracer;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("health-refresh").factory());
    private volatile HealthReport report;
    private volatile Instant lastRefresh;

    /**
     * Creates the runner; nothing runs until {@link #start} or {@link #refresh}.
     *
     * @param settings the {@code health} section
     * @param registry where each check's meters go
     */
    CheckRunner(HealthSettings settings, MeterRegistry registry) {
        this(settings, registry, Tracer.noOp());
    }

    /**
     * Creates the runner, tracing each refresh.
     *
     * @param settings the {@code health} section
     * @param registry where each check's meters go
     * @param tracer   the service's tracer; the no-op tracer makes no spans
     */
    CheckRunner(HealthSettings settings, MeterRegistry registry, Tracer tracer) {
        this.settings = settings;
        this.tracer = tracer;
        List<Check> all = new ArrayList<>();
        List<CheckResult> pending = new ArrayList<>();
        Instant now = Instant.now();
        for (CheckSettings check : settings.checks()) {
            all.add(new Check(check, tracer));
            histories.put(check.name(), new CheckHistory(settings.historySize()));
            metrics.put(check.name(), CheckMetrics.register(registry, check));
            pending.add(CheckResult.pending(check, now));
        }
        this.checks = List.copyOf(all);
        this.report = HealthReport.of(pending, now);
        this.refreshDuration = registry.getOrCreate(Timer.builder(REFRESH_DURATION)
                                                            .description("How long one refresh of all checks took"));
    }

    /**
     * Refreshes now and then every {@code refresh-interval}, in the background.
     */
    void start() {
        long interval = settings.refreshInterval().toNanos();
        scheduler.scheduleAtFixedRate(this::refreshLogged, 0, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs every check once, all at once, and publishes the results. Takes about as long as the slowest
     * check's timeout, however many checks there are.
     *
     * @return the new report
     */
    synchronized HealthReport refresh() {
        Instant started = Instant.now();
        long start = System.nanoTime();
        Span span = tracer.enabled() ? tracer.spanBuilder("health refresh").tag("health.checks", checks.size()).start() : null;
        SpanContext parent = span == null ? null : span.context();
        List<Future<CheckResult>> running = new ArrayList<>(checks.size());
        for (Check check : checks) {
            running.add(threads.submit(() -> check.run(parent)));
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            results.add(await(checks.get(i), running.get(i), started, start));
        }
        HealthReport previous = report;
        HealthReport next = HealthReport.of(results, Instant.now());
        for (CheckResult result : results) {
            histories.get(result.check().name()).add(result);
            metrics.get(result.check().name()).record(result);
            previous.result(result.check().name()).ifPresent(before -> logChange(before, result));
        }
        report = next;
        lastRefresh = next.time();
        refreshDuration.record(Duration.ofNanos(System.nanoTime() - start));
        if (span != null) {
            span.tag("health.status", next.status().text());
            span.end();
        }
        return next;
    }

    /**
     * The latest report; before the first refresh every check is {@code warn}, "not checked yet".
     *
     * @return the report, never {@code null}
     */
    HealthReport report() {
        return report;
    }

    /**
     * The kept results of a check.
     *
     * @param name the check's name
     * @return its history; empty when no check has that name
     */
    Optional<CheckHistory> history(String name) {
        return Optional.ofNullable(histories.get(name));
    }

    /**
     * The service's readiness: UP once the first refresh has finished, whatever the checks found, so that
     * a dependency that is down at start-up does not keep health-service itself out of service.
     *
     * @return a readiness check named {@code checks-refreshed}
     */
    HealthCheck readiness() {
        return Readiness.check("checks-refreshed", () -> {
            Instant last = lastRefresh;
            HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                    .status(last != null)
                    .detail("checks", checks.size());
            return last == null ? response.build() : response.detail("lastRefresh", last.toString()).build();
        });
    }

    /**
     * Stops refreshing and interrupts checks that are still running.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        threads.shutdownNow();
    }

    private static CheckResult await(Check check, Future<CheckResult> running, Instant started, long start) {
        long deadline = start + check.settings().timeout().plus(GRACE).toNanos();
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return abandoned(check, started, start, "gave up after " + check.settings().timeout().plus(GRACE).toMillis() + " ms");
        } catch (ExecutionException e) {
            return abandoned(check, started, start, ProbeFailure.describe(e.getCause()));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return abandoned(check, started, start, "interrupted: health-service is stopping");
        }
    }

    private static CheckResult abandoned(Check check, Instant started, long start, String reason) {
        return CheckResult.of(check.settings(), Result.err(reason), started, Duration.ofNanos(System.nanoTime() - start));
    }

    private void refreshLogged() {
        try {
            refresh();
        } catch (RejectedExecutionException e) {
            // closing: the scheduler is being shut down too
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep refreshing.
            LOGGER.log(Level.ERROR, "Refreshing the health checks failed", e);
        }
    }

    private static void logChange(CheckResult before, CheckResult now) {
        if (before.status() == now.status()) {
            return;
        }
        Level level = now.status() == HealthStatus.PASS ? Level.INFO : Level.WARNING;
        String from = before.output().filter(CheckResult.NOT_CHECKED::equals).isPresent() ? "unchecked" : before.status().text();
        LOGGER.log(level, "check " + now.check().name() + ": " + from + " -> " + now.status().text()
                + now.output().map(output -> " (" + output + ")").orElse(""));
    }
}
