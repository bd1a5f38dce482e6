package io.vigil.health.check;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.faulttolerance.CircuitBreaker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import io.vigil.common.health.HealthStatus;
import io.vigil.health.probe.CheckType;
import io.vigil.health.probe.Reading;
import io.vigil.health.testing.FakeProbe;

/**
 * The guards around one probe: timeout, circuit breaker, exceptions as failures. Probes here are fakes;
 * {@code HealthServiceIT} runs the same paths against real sockets.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CheckTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingProbes() {
        release.countDown();
    }

    @Test
    void aProbeThatThrowsIsAFailWithItsMessage() {
        Check check = new Check(FakeProbe.doing(() -> {
            throw new IllegalStateException("boom");
        }).check("thrower", true, TIMEOUT, null));

        CheckResult result = check.run();

        assertThat(result.status(), is(HealthStatus.FAIL));
        assertThat(result.output(), is(Optional.of("IllegalStateException: boom")));
        assertThat(result.observedValue(), is(Optional.empty()));
    }

    @Test
    void aHangingProbeIsInterruptedAtTheTimeout() throws InterruptedException {
        FakeProbe probe = FakeProbe.hanging(release, false);
        Check check = new Check(probe.check("hanging", true, TIMEOUT, null));

        long start = System.nanoTime();
        CheckResult result = check.run();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.status(), is(HealthStatus.FAIL));
        assertThat(result.output(), is(Optional.of("timed out after 200 ms")));
        assertThat("the probe hangs until released; the check must not wait for it", millis, lessThan(5000L));
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat("the interrupted probe ended, so the next run probes again", check.run().output(),
                   is(Optional.of("timed out after 200 ms")));
        assertThat(probe.reads(), is(2));
    }

    @Test
    void aProbeThatIgnoresItsInterruptIsNotStartedAgainUntilItReturns() throws InterruptedException {
        FakeProbe probe = FakeProbe.hanging(release, true);
        CheckSettings settings = new CheckSettings("deaf", CheckType.DNS, true, TIMEOUT, Optional.empty(),
                                                   new BreakerSettings(100, Duration.ofSeconds(1)), probe);
        Check check = new Check(settings);

        assertThat(check.run().output(), is(Optional.of("timed out after 200 ms")));
        assertThat(check.run().output(), is(Optional.of("the previous probe has not returned yet (timed out after 200 ms)")));
        assertThat(probe.reads(), is(1));

        release.countDown();
        awaitResult(check, HealthStatus.PASS);
        assertThat(probe.reads(), is(2));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAfterASuccessfulTrial() throws InterruptedException {
        FakeProbe probe = FakeProbe.doing(() -> Reading.fail(1, "HTTP 500 (expected: 200-299)"));
        Check check = new Check(probe.check("flaky", true, TIMEOUT, null));

        for (int i = 0; i < 3; i++) {
            assertThat(check.run().output(), is(Optional.of("HTTP 500 (expected: 200-299)")));
        }
        assertThat(check.circuit(), is(CircuitBreaker.State.OPEN));
        CheckResult open = check.run();
        assertThat(open.status(), is(HealthStatus.FAIL));
        assertThat(open.output(), is(Optional.of(Check.CIRCUIT_OPEN)));
        assertThat("no probing while the circuit is open", probe.reads(), is(3));

        probe.then(() -> Reading.ok(2));
        CheckResult recovered = awaitResult(check, HealthStatus.PASS);
        assertThat(recovered.observedValue(), is(Optional.of(2)));
        assertThat(check.circuit(), is(CircuitBreaker.State.CLOSED));
    }

    @Test
    void timeoutsAndExceptionsCountTowardsTheCircuit() {
        Check check = new Check(FakeProbe.hanging(release, false).check("slow", true, Duration.ofMillis(20), null));

        for (int i = 0; i < 3; i++) {
            check.run();
        }

        assertThat(check.run().output(), is(Optional.of(Check.CIRCUIT_OPEN)));
    }

    @Test
    void aSlowButCorrectAnswerWarnsAndDoesNotCountAsAFailure() {
        Check check = new Check(FakeProbe.answering(150).check("slowish", true, TIMEOUT, Duration.ofMillis(100)));

        for (int i = 0; i < 5; i++) {
            CheckResult result = check.run();
            assertThat(result.output().orElse(""), result.status(), is(HealthStatus.WARN));
        }
        assertThat(check.circuit(), is(CircuitBreaker.State.CLOSED));
    }

    private static CheckResult awaitResult(Check check, HealthStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            CheckResult result = check.run();
            if (result.status() == status) {
                return result;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("the check never became " + status.text());
    }
}
