package io.vigil.gateway.endpoint;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.helidon.faulttolerance.CircuitBreaker;
import io.vigil.gateway.config.CircuitBreakerSettings;
import io.vigil.gateway.config.PoolSettings;
import io.vigil.gateway.http1.ConnectionPool;

/**
 * One endpoint of an upstream and what the gateway knows about it: its connection pool, its circuit breaker, the
 * requests it has in progress (what balancing compares), its outlier state and what its readiness probe found. An
 * endpoint that discovery no longer lists is retired: it takes no new requests, and those in progress finish on it.
 */
public final class Endpoint {
    private final String upstream;
    private final EndpointAddress address;
    private final ConnectionPool pool;
    private final CircuitBreaker breaker;
    private final OutlierEjection ejection;
    private final EndpointMetrics metrics;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** {@link System#nanoTime()} until which the endpoint is ejected; guarded by the group's ejection. */
    private volatile long ejectedUntil;
    private volatile boolean ejected;
    /** Ejections so far, decaying while it stays in rotation; guarded by the group's ejection. */
    private int ejections;
    private long lastEjectionEnd;
    private volatile Readiness readiness = Readiness.UNKNOWN;
    private volatile boolean retired;

    Endpoint(String upstream, EndpointAddress address, PoolSettings pool, CircuitBreakerSettings breaker,
             OutlierEjection ejection) {
        this.upstream = upstream;
        this.address = address;
        this.pool = new ConnectionPool(address.host(), address.port(), pool.maxIdle(), pool.idleTimeout().toNanos());
        this.breaker = CircuitBreaker.builder()
                .name(upstream + "-" + address.authority() + "-circuit-breaker")
                .volume(breaker.volume())
                .errorRatio(breaker.errorRatio())
                .delay(breaker.delay())
                .successThreshold(breaker.successThreshold())
                .addApplyOn(EndpointFailure.class)
                .build();
        this.ejection = ejection;
        this.metrics = new EndpointMetrics(upstream, this);
    }

    /**
     * Runs one call to this endpoint through its circuit breaker, and counts its outcome for outlier ejection.
     *
     * @param call the call
     * @param <T>  its result
     * @return the call's result
     * @throws io.helidon.faulttolerance.CircuitBreakerOpenException when the circuit is open
     * @throws EndpointFailure                                       when the call failed because of the endpoint
     */
    public <T> T call(Supplier<T> call) {
        try {
            T result = breaker.invoke(call);
            consecutiveFailures.set(0);
            return result;
        } catch (EndpointFailure e) {
            if (consecutiveFailures.incrementAndGet() >= ejection.threshold()) {
                ejection.tryEject(this, System.nanoTime());
            }
            throw e;
        }
    }

    /** Counts a request that starts using this endpoint; {@link #finished()} ends it. */
    public void started() {
        outstanding.incrementAndGet();
    }

    /** Ends a request counted by {@link #started()}. */
    public void finished() {
        outstanding.decrementAndGet();
    }

    /**
     * Requests in progress on this endpoint.
     *
     * @return count
     */
    public int outstanding() {
        return outstanding.get();
    }

    /**
     * Whether new requests may go here: not retired, not ejected, ready as far as the probe knows, and its circuit
     * not open.
     *
     * @param now {@link System#nanoTime()}
     * @return {@code true} when in rotation
     */
    public boolean available(long now) {
        return !retired && !ejected(now) && readiness.ready() && breaker.state() != CircuitBreaker.State.OPEN;
    }

    /**
     * Whether outlier ejection has taken the endpoint out of rotation.
     *
     * @param now {@link System#nanoTime()}
     * @return {@code true} while ejected
     */
    public boolean ejected(long now) {
        return ejected && now - ejectedUntil < 0;
    }

    /**
     * The endpoint's address.
     *
     * @return address
     */
    public EndpointAddress address() {
        return address;
    }

    /**
     * The name of the upstream it belongs to.
     *
     * @return upstream name
     */
    public String upstream() {
        return upstream;
    }

    /**
     * Its keep-alive connections.
     *
     * @return the pool
     */
    public ConnectionPool pool() {
        return pool;
    }

    /**
     * Its circuit breaker.
     *
     * @return breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Its meters.
     *
     * @return metrics
     */
    public EndpointMetrics metrics() {
        return metrics;
    }

    /**
     * What the last readiness probe found.
     *
     * @return readiness
     */
    public Readiness readiness() {
        return readiness;
    }

    /**
     * Whether discovery no longer lists it.
     *
     * @return {@code true} once retired
     */
    public boolean retired() {
        return retired;
    }

    /**
     * Records a probe's finding. A probe that sees the endpoint ready again after it was not brings it back into
     * rotation at once: it ends an ejection and closes an open circuit, since the failures behind them belong to the
     * outage the probe saw end (a stalled or restarted instance). Left to itself, an open circuit would wait out its
     * delay and then let one trial call through at a time; a single endpoint would refuse all traffic meanwhile.
     */
    void readiness(Readiness found) {
        Readiness before = readiness;
        readiness = found;
        if (found.state() == Readiness.State.READY && !before.ready()) {
            ejection.restore(this);
            if (breaker.state() != CircuitBreaker.State.CLOSED) {
                breaker.state(CircuitBreaker.State.CLOSED);
            }
        }
    }

    void retire() {
        retired = true;
        pool.close();
        metrics.close();
    }

    /** Ejects until {@code until}; called by {@link OutlierEjection} only. */
    void eject(long until) {
        ejectedUntil = until;
        ejected = true;
        consecutiveFailures.set(0);
    }

    /** Ends an ejection early; called by {@link OutlierEjection} only. */
    void restore(long now) {
        ejected = false;
        lastEjectionEnd = now;
    }

    int ejections() {
        return ejections;
    }

    void ejections(int count) {
        ejections = count;
    }

    long lastEjectionEnd() {
        return ejected ? ejectedUntil : lastEjectionEnd;
    }

    @Override
    public String toString() {
        return upstream + "@" + address.authority();
    }
}
