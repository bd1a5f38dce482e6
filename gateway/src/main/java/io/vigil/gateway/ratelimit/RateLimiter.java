package io.vigil.gateway.ratelimit;

import java.time.Duration;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;

/**
 * Decides whether a caller may go ahead: from its local bucket, or, with Redis configured, from its shared bucket in
 * Redis, falling back when Redis cannot decide within its timeout. A circuit breaker (Helidon fault tolerance) stops
 * asking a Redis that keeps failing, so that a hanging Redis costs at most a few requests their timeout: while it is
 * open every request falls back at once, and every second one trial request asks Redis again.
 */
final class RateLimiter implements AutoCloseable {
    /** Calls the breaker's failure ratio is computed over, and the ratio that opens it. */
    private static final int BREAKER_VOLUME = 10;
    private static final int BREAKER_ERROR_RATIO = 50;
    /** Time open before a trial call; one successful trial closes it again. */
    private static final Duration BREAKER_DELAY = Duration.ofSeconds(1);
    private static final int FIRST_CONNECTION_SECONDS = 2;

    private final LocalBuckets local;
    private final RedisBuckets redis;
    private final OnFailure onFailure;
    private final CircuitBreaker breaker;
    private final RedisOutage outage;

    /**
     * Creates the buckets; with Redis configured, starts connecting to it in the background.
     *
     * @param settings the limits and where shared buckets live
     * @param metrics  the rate limit's meters
     */
    RateLimiter(RateLimitSettings settings, RateLimitMetrics metrics) {
        this.local = new LocalBuckets(settings);
        RedisSettings shared = settings.redis().orElse(null);
        if (shared == null) {
            this.redis = null;
            this.onFailure = OnFailure.FAIL_OPEN;
            this.breaker = null;
            this.outage = null;
            return;
        }
        this.redis = new RedisBuckets(settings, shared);
        this.onFailure = shared.onFailure();
        this.breaker = CircuitBreaker.builder()
                .name("rate-limit-redis")
                .volume(BREAKER_VOLUME)
                .errorRatio(BREAKER_ERROR_RATIO)
                .delay(BREAKER_DELAY)
                .successThreshold(1)
                .addApplyOn(RedisUnavailableException.class)
                .build();
        this.outage = new RedisOutage(shared, metrics);
        metrics.connected(redis::connected);
    }

    /**
     * Takes one token from a caller's bucket.
     *
     * @param caller API key id or client address
     * @return granted, limited (with the wait until a token is available), or unavailable (Redis away, fail-closed)
     */
    Decision decide(String caller) {
        if (redis == null) {
            return Decision.of(local.tryAcquire(caller));
        }
        try {
            long waitNanos = breaker.invoke(() -> redis.tryAcquire(caller));
            outage.decided();
            return Decision.of(waitNanos);
        } catch (CircuitBreakerOpenException e) {
            return fallback(caller, RedisUnavailableException.Reason.CIRCUIT_OPEN);
        } catch (RedisUnavailableException e) {
            return fallback(caller, e.reason());
        }
    }

    /**
     * At start-up, gives the first connection to Redis (if configured) up to {@value #FIRST_CONNECTION_SECONDS} s, so
     * that the first requests are decided in Redis; a Redis that is away only delays the start by that much.
     */
    void awaitRedis() {
        if (redis != null) {
            try {
                redis.awaitFirstAttempt(Duration.ofSeconds(FIRST_CONNECTION_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the connection to Redis, if any. */
    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }

    private Decision fallback(String caller, RedisUnavailableException.Reason reason) {
        outage.fallback(reason);
        return onFailure == OnFailure.FAIL_OPEN ? Decision.of(local.tryAcquire(caller)) : Decision.UNAVAILABLE;
    }
}
