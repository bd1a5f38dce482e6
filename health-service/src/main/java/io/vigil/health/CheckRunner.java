package io.vigil.health;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

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
 * times each refresh ({@code vigil_health_refresh_duration_seconds}). A check that fails before it has passed once
 * (its target still starting) is run again after a short delay, a few times, rather than at the next refresh only
 * ({@link #STARTUP_RETRIES}). When the service traces, a refresh is a trace:
 * a {@code health refresh} span with one child span per check.
 */
final class CheckRunner implements AutoCloseable {
    /**
     * How much longer than its timeout a refresh waits for a check. A check gives up on its probe by itself
     * at its timeout; this only covers a check thread that is slow to be scheduled on a busy machine.
     */
    static final Duration GRACE = Duration.ofMillis(250);

    /**
     * When a check that has not passed yet since start-up fails, how long until it is run again (then the next,
     * and so on); once it passes, or once these are used up, it only runs with every refresh. A target that is
     * still starting (the gateway, started after health-service) answers within a second or two: without these,
     * its first failure would stand until the next refresh. A delay not shorter than the refresh interval is
     * skipped: the refresh comes first.
     */
    static final List<Duration> STARTUP_RETRIES = Stream.of(100, 200, 400, 800, 1600, 3200)
            .map(Duration::ofMillis).toList();

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
    /** Checks that have not passed (or warned) once since start-up; guarded by {@code this}. */
    private final Set<String> unproven = new HashSet<>();
    private final List<Duration> retryDelays;
    /** How many start-up retries have been scheduled; guarded by {@code this}. */
    private int startupRetries;
    /** Whether {@link #start} was called: only the background schedule retries. Guarded by {@code this}. */
    private boolean started;
    /** Whether a start-up retry is scheduled and has not run yet; guarded by {@code this}. */
    private boolean retryScheduled;
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
        this(settings, registry, tracer, STARTUP_RETRIES);
    }

    /**
     * Creates the runner with its own start-up retry delays (tests use short ones).
     *
     * @param settings       the {@code health} section
     * @param registry       where each check's meters go
     * @param tracer         the service's tracer; the no-op tracer makes no spans
     * @param startupRetries the delays of the start-up retries, see {@link #STARTUP_RETRIES}
     */
    CheckRunner(HealthSettings settings, MeterRegistry registry, Tracer tracer, List<Duration> startupRetries) {
        this.settings = settings;
        this.retryDelays = List.copyOf(startupRetries);
        this.tracer = tracer;
        List<Check> all = new ArrayList<>();
        List<CheckResult> pending = new ArrayList<>();
        Instant now = Instant.now();
        for (CheckSettings check : settings.checks()) {
            all.add(new Check(check, tracer));
            histories.put(check.name(), new CheckHistory(settings.historySize()));
            metrics.put(check.name(), CheckMetrics.register(registry, check));
            pending.add(CheckResult.pending(check, now));
            unproven.add(check.name());
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
        synchronized (this) {
            started = true;
        }
        long interval = settings.refreshInterval().toNanos();
        scheduler.scheduleAtFixedRate(() -> logged(this::refresh), 0, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs every check once, all at once, and publishes the results. Takes about as long as the slowest
     * check's timeout, however many checks there are.
     *
     * @return the new report
     */
    synchronized HealthReport refresh() {
        long start = System.nanoTime();
        HealthReport next = run(checks, true);
        lastRefresh = next.time();
        refreshDuration.record(Duration.ofNanos(System.nanoTime() - start));
        scheduleStartupRetry();
        return next;
    }

    /**
     * Runs again, outside their circuit breakers, the checks that have failed and not passed once since start-up,
     * and publishes their results with the others' latest.
     */
    private synchronized void retryUnproven() {
        retryScheduled = false;
        List<Check> failing = checks.stream().filter(this::unprovenAndFailing).toList();
        if (!failing.isEmpty()) {
            run(failing, false);
        }
        scheduleStartupRetry();
    }

    /** Schedules the next start-up retry while a check has failed and not passed once, and retries are left. */
    private void scheduleStartupRetry() {
        if (!started || retryScheduled || checks.stream().noneMatch(this::unprovenAndFailing)) {
            return;
        }
        while (startupRetries < retryDelays.size()) {
            Duration delay = retryDelays.get(startupRetries++);
            if (delay.compareTo(settings.refreshInterval()) < 0) {
                retryScheduled = true;
                try {
                    scheduler.schedule(() -> logged(this::retryUnproven), delay.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    retryScheduled = false; // closing
                }
                return;
            }
        }
    }

    private boolean unprovenAndFailing(Check check) {
        return unproven.contains(check.settings().name())
                && report.result(check.settings().name()).map(result -> result.status() == HealthStatus.FAIL).orElse(false);
    }

    /**
     * Runs the given checks all at once, each on its own virtual thread, and publishes their results with the
     * others' latest (a refresh runs them all).
     */
    private HealthReport run(List<Check> which, boolean guarded) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        String name = guarded ? "health refresh" : "health start-up retry";
        Span span = tracer.enabled() ? tracer.spanBuilder(name).tag("health.checks", which.size()).start() : null;
        SpanContext parent = span == null ? null : span.context();
        List<Future<CheckResult>> running = new ArrayList<>(which.size());
        for (Check check : which) {
            running.add(threads.submit(() -> guarded ? check.run(parent) : check.runOutsideBreaker(parent)));
        }
        Map<String, CheckResult> fresh = new HashMap<>();
        for (int i = 0; i < which.size(); i++) {
            CheckResult result = await(which.get(i), running.get(i), started, start);
            fresh.put(result.check().name(), result);
        }
        HealthReport previous = report;
        List<CheckResult> results = previous.results().stream()
                .map(before -> fresh.getOrDefault(before.check().name(), before))
                .toList();
        HealthReport next = HealthReport.of(results, Instant.now());
        for (CheckResult result : fresh.values()) {
            histories.get(result.check().name()).add(result);
            metrics.get(result.check().name()).record(result);
            previous.result(result.check().name()).ifPresent(before -> logChange(before, result));
            if (result.status() != HealthStatus.FAIL) {
                unproven.remove(result.check().name());
            }
        }
        report = next;
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

    private static void logged(Runnable task) {
        try {
            task.run();
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
