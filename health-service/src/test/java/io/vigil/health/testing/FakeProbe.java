package io.vigil.health.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import io.vigil.health.check.BreakerSettings;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.CheckType;
import io.vigil.health.probe.Measurement;
import io.vigil.health.probe.Probe;
import io.vigil.health.probe.Reading;

/**
 * A probe whose behaviour a test sets (answer, throw, hang), for tests of the check machinery that need no
 * sockets. Tests of the real probes use real servers.
 */
public final class FakeProbe implements Probe {
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Callable<Reading> behaviour;

    private FakeProbe(Callable<Reading> behaviour) {
        this.behaviour = behaviour;
    }

    /**
     * A probe that reads the given value, as expected.
     *
     * @param millis the response time it reports
     * @return the probe
     */
    public static FakeProbe answering(long millis) {
        return new FakeProbe(() -> Reading.ok(millis));
    }

    /**
     * A probe that behaves as told.
     *
     * @param behaviour what each read does
     * @return the probe
     */
    public static FakeProbe doing(Callable<Reading> behaviour) {
        return new FakeProbe(behaviour);
    }

    /**
     * A probe that blocks until released, interrupted or not.
     *
     * @param release  opens when the probe may return
     * @param deafness whether it ignores interrupts, as a name lookup does
     * @return the probe
     */
    public static FakeProbe hanging(CountDownLatch release, boolean deafness) {
        return new FakeProbe(() -> {
            while (true) {
                try {
                    release.await();
                    return Reading.ok(0);
                } catch (InterruptedException e) {
                    if (!deafness) {
                        throw e;
                    }
                }
            }
        });
    }

    /**
     * Changes what the following reads do.
     *
     * @param next the new behaviour
     */
    public void then(Callable<Reading> next) {
        behaviour = next;
    }

    /**
     * How often the probe was read.
     *
     * @return reads so far
     */
    public int reads() {
        return reads.get();
    }

    /**
     * A check settings record around this probe.
     *
     * @param name      check name
     * @param critical  whether it is critical
     * @param timeout   its timeout
     * @param warnAbove its warn threshold, or {@code null}
     * @return settings
     */
    public CheckSettings check(String name, boolean critical, Duration timeout, Duration warnAbove) {
        return new CheckSettings(name, CheckType.HTTP, critical, timeout, Optional.ofNullable(warnAbove),
                                 new BreakerSettings(3, Duration.ofMillis(300)), this);
    }

    @Override
    public Measurement measurement() {
        return Measurement.RESPONSE_TIME;
    }

    @Override
    public Reading read() throws Exception {
        reads.incrementAndGet();
        return behaviour.call();
    }
}
