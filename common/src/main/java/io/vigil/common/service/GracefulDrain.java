package io.vigil.common.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.health.Readiness;

/**
 * Counts requests in flight and drains them on shutdown: readiness turns DOWN, responses ask clients
 * to close their connections, and {@link #drain} waits until no request is left or the timeout passes.
 */
public final class GracefulDrain implements Filter {
    private static final long POLL_MILLIS = 10;

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        inFlight.incrementAndGet();
        try {
            if (draining) {
                response.header(HeaderValues.CONNECTION_CLOSE);
            }
            chain.proceed();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * The readiness check: UP until draining starts.
     *
     * @return health check of type readiness, named {@code serving}
     */
    public HealthCheck readiness() {
        return Readiness.check("serving", () -> HealthCheckResponse.builder()
                .status(!draining)
                .detail("draining", draining)
                .detail("inFlight", inFlight.get())
                .build());
    }

    /**
     * Requests being handled right now.
     *
     * @return count of requests in flight
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Whether {@link #drain} has started.
     *
     * @return {@code true} once draining
     */
    public boolean draining() {
        return draining;
    }

    /**
     * Turns readiness DOWN, keeps serving for {@code delay} so load balancers notice, then waits up to
     * {@code timeout} for in-flight requests to finish.
     *
     * @param delay   how long to keep serving after readiness went DOWN
     * @param timeout longest wait for in-flight requests after the delay
     * @return {@code true} when no request was left in flight
     */
    public boolean drain(Duration delay, Duration timeout) {
        draining = true;
        try {
            TimeUnit.MILLISECONDS.sleep(delay.toMillis());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return inFlight.get() == 0;
    }
}
