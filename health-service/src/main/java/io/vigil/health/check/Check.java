package io.vigil.health.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.tracing.Scope;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.tracing.Tracer;
import io.vigil.common.health.HealthStatus;
import io.vigil.common.Result;
import io.vigil.health.probe.ProbeFailure;
import io.vigil.health.probe.Reading;

/**
 * A configured check at run time: its probe, run on its own virtual thread within the check's timeout,
 * behind the check's circuit breaker. {@link #run} never throws; whatever goes wrong is a {@code fail}.
 *
 * <p>The timeout is a {@link Future} wait rather than Helidon's {@code Timeout}: that one either does not
 * interrupt the supplier (asynchronous mode) or waits for it to notice the interrupt (current-thread mode),
 * and a name lookup never notices. Here the check gives up on time, interrupts the probe and leaves it.
 *
 * <p>When the service traces, each run is a span ({@code check <name>}) with the check's name, type, status and
 * output; a failed check marks it failed. The probe runs with that span current and in a context holding it, so an
 * HTTP probe's WebClient call is its child span and carries the trace upstream.
 */
public final class Check {
    /** Output of a check whose circuit is open. */
    public static final String CIRCUIT_OPEN = "circuit open";

    private final CheckSettings settings;
    private final Tracer tracer;
    private final CircuitBreaker breaker;
    /** Whether a probe is running; cleared by the probe's thread just before it hands over its result. */
    private final AtomicBoolean probing = new AtomicBoolean();

    /**
     * Creates the check.
     *
     * @param settings the check's configuration
     */
    public Check(CheckSettings settings) {
        this(settings, Tracer.noOp());
    }

    /**
     * Creates a check whose runs are spans.
     *
     * @param settings the check's configuration
     * @param tracer   the service's tracer; the no-op tracer makes no spans
     */
    public Check(CheckSettings settings, Tracer tracer) {
        this.settings = settings;
        this.tracer = tracer;
        this.breaker = CircuitBreaker.builder()
                .name("health-check-" + settings.name())
                .volume(settings.breaker().failures())
                .errorRatio(100)
                .delay(settings.breaker().delay())
                .successThreshold(1)
                .build();
    }

    /**
     * The check's configuration.
     *
     * @return settings
     */
    public CheckSettings settings() {
        return settings;
    }

    /**
     * Runs the check once: probes unless the circuit is open, and classifies what happened.
     *
     * @return the result, never {@code null}
     */
    public CheckResult run() {
        return run(null);
    }

    /**
     * Runs the check once, in a span that is a child of the given one when tracing.
     *
     * @param refresh the span of the refresh this run belongs to, or {@code null}
     * @return the result, never {@code null}
     */
    public CheckResult run(SpanContext refresh) {
        Instant time = Instant.now();
        long start = System.nanoTime();
        Span span = tracer.enabled() ? startSpan(refresh) : null;
        Result<Reading> outcome = attempt(span);
        CheckResult result = CheckResult.of(settings, outcome, time, Duration.ofNanos(System.nanoTime() - start));
        if (span != null) {
            endSpan(span, result);
        }
        return result;
    }

    private Span startSpan(SpanContext refresh) {
        Span.Builder<?> span = tracer.spanBuilder("check " + settings.name())
                .tag("check.name", settings.name())
                .tag("check.type", settings.type().name().toLowerCase(Locale.ROOT))
                .tag("check.critical", settings.critical());
        if (refresh != null) {
            span.parent(refresh);
        }
        return span.start();
    }

    private static void endSpan(Span span, CheckResult result) {
        span.tag("check.status", result.status().text());
        result.output().ifPresent(output -> span.tag("check.output", output));
        if (result.status() == HealthStatus.FAIL) {
            span.status(Span.Status.ERROR);
            span.addEvent("error", Map.of("message", result.output().orElse("failed")));
        }
        span.end();
    }

    /**
     * The state of the check's circuit breaker.
     *
     * @return closed, open or half-open
     */
    public CircuitBreaker.State circuit() {
        return breaker.state();
    }

    private Result<Reading> attempt(Span span) {
        try {
            return Result.ok(breaker.invoke(() -> probeInTime(span)));
        } catch (CircuitBreakerOpenException e) {
            return Result.err(CIRCUIT_OPEN);
        } catch (ProbeFailure e) {
            return e.reading().map(Result::ok).orElseGet(() -> Result.err(e.getMessage()));
        } catch (RuntimeException e) {
            return Result.err(ProbeFailure.describe(e));
        }
    }

    /**
     * Runs the probe on its own virtual thread and waits at most the timeout. Anything but a good reading
     * throws a {@link ProbeFailure}, which the circuit breaker counts.
     */
    private Reading probeInTime(Span span) {
        // A probe that ignored its interrupt (a name lookup) may still be running: do not pile up more.
        if (!probing.compareAndSet(false, true)) {
            throw ProbeFailure.because("the previous probe has not returned yet (timed out after "
                                               + settings.timeout().toMillis() + " ms)");
        }
        CompletableFuture<Reading> reading = new CompletableFuture<>();
        Thread probe = Thread.ofVirtual().name("health-probe-" + settings.name()).start(() -> read(reading, span));
        return await(reading, probe);
    }

    private Reading await(CompletableFuture<Reading> pending, Thread probe) {
        try {
            Reading reading = pending.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (reading.failure().isPresent()) {
                throw ProbeFailure.of(reading);
            }
            return reading;
        } catch (TimeoutException e) {
            probe.interrupt();
            throw ProbeFailure.because("timed out after " + settings.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw ProbeFailure.because(ProbeFailure.describe(e.getCause()));
        } catch (InterruptedException e) {
            probe.interrupt();
            Thread.currentThread().interrupt();
            throw ProbeFailure.because("interrupted: health-service is stopping");
        }
    }

    /** Reads the probe; when tracing, with the check's span current and in a context that holds it and the tracer. */
    private void read(CompletableFuture<Reading> result, Span span) {
        if (span == null) {
            read(result);
            return;
        }
        Context context = Context.create();
        context.register(tracer);
        context.register(span.context());
        Scope scope = span.activate();
        try {
            Contexts.runInContext(context, () -> read(result));
        } finally {
            scope.close();
        }
    }

    private void read(CompletableFuture<Reading> result) {
        Reading reading = null;
        Throwable failure = null;
        try {
            reading = settings.probe().read();
        } catch (Exception | Error e) {
            failure = e;
        } finally {
            probing.set(false);
        }
        if (failure == null) {
            result.complete(reading);
        } else {
            result.completeExceptionally(failure);
        }
    }
}
