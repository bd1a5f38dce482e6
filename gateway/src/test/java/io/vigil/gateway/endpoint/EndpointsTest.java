package io.vigil.gateway.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.faulttolerance.CircuitBreaker;
import io.vigil.gateway.config.CircuitBreakerSettings;
import io.vigil.gateway.config.OutlierSettings;
import io.vigil.gateway.config.PoolSettings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** Balancing and outlier ejection on endpoints whose counters and probe results the test sets. */
class EndpointsTest {
    private static final Duration BASE = Duration.ofSeconds(30);

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final OutlierEjection ejection = new OutlierEjection(new OutlierSettings(3, BASE, Duration.ofSeconds(100), 50),
                                                                 () -> endpoints);

    @AfterEach
    void retire() {
        endpoints.forEach(Endpoint::retire);
    }

    @Test
    void twoChoicesPreferFewerRequestsInProgressAndNeverTheBusiest() {
        Endpoint a = endpoint(1);
        Endpoint b = endpoint(2);
        Endpoint busy = endpoint(3);
        for (int i = 0; i < 10; i++) {
            busy.started();
        }
        b.started();
        Map<Endpoint, Integer> chosen = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            chosen.merge(choose(List.of()), 1, Integer::sum);
        }

        assertThat("the busiest loses every pair it is in", chosen.getOrDefault(busy, 0), is(0));
        assertThat("the idle one wins whenever it is drawn", chosen.get(a), greaterThan(1_500));
        assertThat("the other still gets its pairs against the busiest", chosen.get(b), greaterThan(500));
        assertThat(chosen.get(b), lessThan(chosen.get(a)));
    }

    @Test
    void anotherEndpointIsPreferredForARetryAndAnyWillDoWhenAllAreOut() {
        Endpoint a = endpoint(1);
        Endpoint b = endpoint(2);
        for (int i = 0; i < 100; i++) {
            assertThat(choose(List.of(a)), is(b));
        }
        a.readiness(new Readiness(Readiness.State.NOT_READY, 503, "draining", Duration.ZERO, System.nanoTime()));
        for (int i = 0; i < 100; i++) {
            assertThat("out of rotation", choose(List.of()), is(b));
        }
        b.readiness(new Readiness(Readiness.State.UNREACHABLE, 0, "refused", Duration.ZERO, System.nanoTime()));
        assertThat("every endpoint out: one is still used rather than none", choose(List.of(a)), is(b));
    }

    @Test
    void failuresInARowEjectForAGrowingTimeButNeverMoreThanTheShare() {
        Endpoint a = endpoint(1);
        Endpoint b = endpoint(2);
        long now = System.nanoTime();
        fail(a, 2);
        assertThat("two in a row are not enough", a.ejected(System.nanoTime()), is(false));
        a.call(() -> "ok");
        fail(a, 2);
        assertThat("a success starts the count again", a.ejected(System.nanoTime()), is(false));
        fail(a, 1);
        assertThat(a.ejected(System.nanoTime()), is(true));
        assertThat("for base-time", a.ejected(now + BASE.toNanos() - Duration.ofSeconds(1).toNanos()), is(true));
        assertThat(a.ejected(now + BASE.toNanos() + Duration.ofSeconds(1).toNanos()), is(false));

        fail(b, 3);
        assertThat("half of two endpoints is one: the second stays", b.ejected(System.nanoTime()), is(false));

        long later = now + BASE.toNanos() + Duration.ofSeconds(2).toNanos();
        assertThat(ejection.tryEject(a, later), is(true));
        assertThat("the second ejection lasts twice as long", a.ejected(later + BASE.toNanos() * 2 - 1_000_000_000L),
                   is(true));
        assertThat(a.ejected(later + BASE.toNanos() * 2 + 1_000_000_000L), is(false));
    }

    @Test
    void aProbeThatSeesAnEjectedEndpointRecoverBringsItBack() {
        Endpoint a = endpoint(1);
        endpoint(2);
        fail(a, 3);
        a.readiness(new Readiness(Readiness.State.READY, 200, "", Duration.ZERO, System.nanoTime()));
        assertThat("a probe that always passed does not cut an ejection short", a.ejected(System.nanoTime()), is(true));

        a.readiness(new Readiness(Readiness.State.UNREACHABLE, 0, "refused", Duration.ZERO, System.nanoTime()));
        a.readiness(new Readiness(Readiness.State.READY, 200, "", Duration.ZERO, System.nanoTime()));

        assertThat(a.ejected(System.nanoTime()), is(false));
        assertThat(a.available(System.nanoTime()), is(true));
    }

    @Test
    void aProbeThatSeesAnEndpointRecoverClosesItsOpenCircuit() {
        Endpoint a = endpoint(1, new CircuitBreakerSettings(2, 50, Duration.ofMinutes(1), 2));
        endpoint(2);
        fail(a, 2);
        assertThat(a.breaker().state(), is(CircuitBreaker.State.OPEN));
        a.readiness(new Readiness(Readiness.State.READY, 200, "", Duration.ZERO, System.nanoTime()));
        assertThat("a probe that always passed leaves the circuit open", a.breaker().state(), is(CircuitBreaker.State.OPEN));

        a.readiness(new Readiness(Readiness.State.UNREACHABLE, 0, "timed out", Duration.ZERO, System.nanoTime()));
        a.readiness(new Readiness(Readiness.State.READY, 200, "", Duration.ZERO, System.nanoTime()));

        assertThat(a.breaker().state(), is(CircuitBreaker.State.CLOSED));
        assertThat(a.available(System.nanoTime()), is(true));
        assertThat("calls go through again", a.call(() -> "answered"), is("answered"));
    }

    private Endpoint choose(List<Endpoint> tried) {
        for (PowerOfTwoChoices.Eligible eligible : PowerOfTwoChoices.Eligible.values()) {
            Endpoint chosen = PowerOfTwoChoices.choose(endpoints.toArray(new Endpoint[0]), tried, eligible, System.nanoTime());
            if (chosen != null) {
                return chosen;
            }
        }
        return null;
    }

    private void fail(Endpoint endpoint, int times) {
        for (int i = 0; i < times; i++) {
            try {
                endpoint.call(() -> {
                    throw new EndpointFailure("refused", null);
                });
            } catch (EndpointFailure expected) {
                // counted
            }
        }
    }

    private Endpoint endpoint(int n) {
        return endpoint(n, new CircuitBreakerSettings(1_000, 100, Duration.ofSeconds(5), 1));
    }

    private Endpoint endpoint(int n, CircuitBreakerSettings breaker) {
        Endpoint endpoint = new Endpoint("unit", new EndpointAddress("10.0.0." + n, 8082), PoolSettings.DEFAULTS, breaker,
                                         ejection);
        endpoints.add(endpoint);
        return endpoint;
    }
}
