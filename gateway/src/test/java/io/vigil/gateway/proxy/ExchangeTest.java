package io.vigil.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.vigil.gateway.config.BulkheadSettings;
import io.vigil.gateway.config.CircuitBreakerSettings;
import io.vigil.gateway.config.DiscoverySettings;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.config.OutlierSettings;
import io.vigil.gateway.config.PoolSettings;
import io.vigil.gateway.config.ProbeSettings;
import io.vigil.gateway.config.RetrySettings;
import io.vigil.gateway.config.Timeouts;
import io.vigil.gateway.config.UpstreamSettings;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class ExchangeTest {
    private static final LimitSettings LIMITS = new LimitSettings(1024, Duration.ofMillis(100), Duration.ofMillis(100));
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aQueuedExchangePastItsDeadlineIsInterrupted() {
        long now = System.nanoTime();
        Exchange exchange = new Exchange(Thread.currentThread(), now + 1_000, SECOND, LIMITS);

        exchange.check(now);
        assertThat(exchange.abort(), is(nullValue()));
        exchange.check(now + 2_000);

        assertThat(exchange.abort(), is(Exchange.Abort.DEADLINE));
        assertThat(Thread.interrupted(), is(true));
        assertThat(exchange.enter(Exchange.Phase.UPSTREAM), is(false));
    }

    @Test
    void aPausedBodyIsABodyTimeout() {
        long now = System.nanoTime();
        Exchange exchange = new Exchange(Thread.currentThread(), now + TimeUnit.MINUTES.toNanos(1), SECOND, LIMITS);
        assertThat(exchange.enter(Exchange.Phase.UPSTREAM), is(true));
        exchange.bodyReading(true);

        exchange.check(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));

        assertThat(exchange.abort(), is(Exchange.Abort.BODY_TIMEOUT));
        assertThat("no interrupt for a body timeout", Thread.interrupted(), is(false));
    }

    @Test
    void aRelayThatHasNotAnsweredTheClientYetIsStillBoundByTheDeadline() {
        long now = System.nanoTime();
        Exchange exchange = new Exchange(Thread.currentThread(), now + SECOND, TimeUnit.MINUTES.toNanos(1), LIMITS);
        exchange.enter(Exchange.Phase.RELAY);
        exchange.upstreamReading(true);

        exchange.check(now + SECOND / 2);
        assertThat(exchange.abort(), is(nullValue()));
        exchange.check(now + 2 * SECOND);

        assertThat(exchange.abort(), is(Exchange.Abort.DEADLINE));
        assertThat("the closed upstream connection ends the read: no interrupt", Thread.interrupted(), is(false));
    }

    @Test
    void aStalledClientWriteIsInterruptedButTheDeadlineNoLongerAppliesOnceTheClientHasTheHead() {
        long now = System.nanoTime();
        Exchange exchange = new Exchange(Thread.currentThread(), now, SECOND, LIMITS);
        exchange.enter(Exchange.Phase.RELAY);
        exchange.headersRelayed();
        exchange.check(now + TimeUnit.SECONDS.toNanos(10));
        assertThat(exchange.abort(), is(nullValue()));

        exchange.clientWriting(true);
        exchange.check(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));

        assertThat(exchange.abort(), is(Exchange.Abort.CLIENT_STALLED));
        assertThat(Thread.interrupted(), is(true));
    }

    @Test
    void aSilentUpstreamIsAReadTimeout() {
        long now = System.nanoTime();
        Exchange exchange = new Exchange(Thread.currentThread(), now + TimeUnit.MINUTES.toNanos(1), SECOND, LIMITS);
        exchange.enter(Exchange.Phase.UPSTREAM);
        exchange.upstreamReading(true);

        exchange.check(System.nanoTime() + SECOND / 2);
        assertThat(exchange.abort(), is(nullValue()));
        exchange.check(System.nanoTime() + 2 * SECOND);

        assertThat(exchange.abort(), is(Exchange.Abort.READ_TIMEOUT));
        assertThat(Thread.interrupted(), is(false));
    }

    @Test
    void aFinishedExchangeIsLeftAlone() {
        long now = System.nanoTime();
        Exchange exchange = new Exchange(Thread.currentThread(), now, SECOND, LIMITS);
        exchange.finish();

        exchange.check(now + TimeUnit.SECONDS.toNanos(10));

        assertThat(exchange.abort(), is(nullValue()));
        assertThat(Thread.interrupted(), is(false));
        assertThat(exchange.bodyPending(), is(false));
    }

    @Test
    void retryAfterRoundsTheOpenDelayUp() {
        UpstreamSettings settings = new UpstreamSettings("u", new DiscoverySettings(List.of(URI.create("http://h:1")),
                                                                                    Optional.empty(), Duration.ofSeconds(5)),
                                                         Timeouts.DEFAULTS, true, RetrySettings.DEFAULTS,
                                                         new CircuitBreakerSettings(1, 50, Duration.ofMillis(2500), 1),
                                                         BulkheadSettings.DEFAULTS, PoolSettings.DEFAULTS,
                                                         OutlierSettings.DEFAULTS, ProbeSettings.DEFAULTS);
        UpstreamProblems problems = new UpstreamProblems(settings, Timeouts.DEFAULTS);

        assertThat(problems.retryAfterSeconds(true), is(3L));
        assertThat(problems.retryAfterSeconds(false), is(1L));
        assertThat(problems.busy().status(), is(503));
        assertThat(problems.circuitOpen().extensions().get("upstream"), is("u"));
    }
}
