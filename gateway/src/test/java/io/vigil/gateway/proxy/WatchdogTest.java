package io.vigil.gateway.proxy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vigil.gateway.config.LimitSettings;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The watchdog's own thread ends an overdue exchange and leaves finished or untracked ones alone. */
class WatchdogTest {
    private static final LimitSettings LIMITS = new LimitSettings(1024, Duration.ofSeconds(30), Duration.ofSeconds(30));

    @Test
    void itInterruptsAThreadWaitingPastTheDeadline() throws Exception {
        try (Watchdog watchdog = Watchdog.start()) {
            CountDownLatch never = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            CountDownLatch tracked = new CountDownLatch(1);
            Exchange[] exchange = new Exchange[1];
            Thread waiting = Thread.ofVirtual().start(() -> {
                exchange[0] = new Exchange(Thread.currentThread(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
                                           TimeUnit.SECONDS.toNanos(30), LIMITS);
                watchdog.track(exchange[0]);
                tracked.countDown();
                try {
                    never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            tracked.await();
            waiting.join(TimeUnit.SECONDS.toMillis(10));

            assertThat("woken by the watchdog, not by the 30 s wait", interrupted.get(), is(true));
            assertThat(exchange[0].abort(), is(Exchange.Abort.DEADLINE));
        }
    }

    @Test
    void anUntrackedExchangeIsLeftAlone() throws Exception {
        try (Watchdog watchdog = Watchdog.start()) {
            Exchange exchange = new Exchange(Thread.currentThread(), System.nanoTime(), TimeUnit.SECONDS.toNanos(1), LIMITS);
            watchdog.track(exchange);
            watchdog.untrack(exchange);

            TimeUnit.MILLISECONDS.sleep(5 * Watchdog.PERIOD_MILLIS);

            assertThat(exchange.abort(), is(nullValue()));
            assertThat(Thread.interrupted(), is(false));
        }
    }

    @Test
    void checkEndsEveryOverdueExchangeAtOnce() {
        Watchdog watchdog = Watchdog.start();
        watchdog.close();
        long now = System.nanoTime();
        Exchange late = new Exchange(Thread.currentThread(), now - 1, TimeUnit.SECONDS.toNanos(1), LIMITS);
        Exchange onTime = new Exchange(Thread.currentThread(), now + TimeUnit.MINUTES.toNanos(1), TimeUnit.SECONDS.toNanos(1),
                                       LIMITS);
        onTime.enter(Exchange.Phase.UPSTREAM);
        watchdog.track(late);
        watchdog.track(onTime);

        watchdog.check(now);

        assertThat(late.abort(), is(Exchange.Abort.DEADLINE));
        assertThat(onTime.abort(), is(nullValue()));
        Thread.interrupted();
    }
}
