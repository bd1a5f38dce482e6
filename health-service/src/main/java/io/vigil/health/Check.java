package io.vigil.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.vigil.common.Result;

/**
 * A configured check at run time: its probe, run on its own virtual thread within the check's timeout,
 * behind the check's circuit breaker. {@link #run} never throws; whatever goes wrong is a {@code fail}.
 *
 * <p>The timeout is a {@link Future} wait rather than Helidon's {@code Timeout}: that one either does not
 * interrupt the supplier (asynchronous mode) or waits for it to notice the interrupt (current-thread mode),
 * and a name lookup never notices. Here the check gives up on time, interrupts the probe and leaves it.
 */
final class Check {
    /** Output of a check whose circuit is open. */
    static final String CIRCUIT_OPEN = "circuit open";

    private final CheckSettings settings;
    private final CircuitBreaker breaker;
    /** Whether a probe is running; cleared by the probe's thread just before it hands over its result. */
    private final AtomicBoolean probing = new AtomicBoolean();

    /**
     * Creates the check.
     *
     * @param settings the check's configuration
     */
    Check(CheckSettings settings) {
        this.settings = settings;
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
    CheckSettings settings() {
        return settings;
    }

    /**
     * Runs the check once: probes unless the circuit is open, and classifies what happened.
     *
     * @return the result, never {@code null}
     */
    CheckResult run() {
        Instant time = Instant.now();
        long start = System.nanoTime();
        Result<Reading> outcome = attempt();
        return CheckResult.of(settings, outcome, time, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The state of the check's circuit breaker.
     *
     * @return closed, open or half-open
     */
    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    private Result<Reading> attempt() {
        try {
            return Result.ok(breaker.invoke(this::probeInTime));
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
    private Reading probeInTime() {
        // A probe that ignored its interrupt (a name lookup) may still be running: do not pile up more.
        if (!probing.compareAndSet(false, true)) {
            throw ProbeFailure.because("the previous probe has not returned yet (timed out after "
                                               + settings.timeout().toMillis() + " ms)");
        }
        CompletableFuture<Reading> reading = new CompletableFuture<>();
        Thread probe = Thread.ofVirtual().name("health-probe-" + settings.name()).start(() -> read(reading));
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
