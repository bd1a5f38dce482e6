package io.vigil.gateway.ratelimit;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells operators that Redis is not deciding requests without flooding the log: every request that falls back is
 * counted in the metric, a warning says so at most every {@value #WARN_EVERY_SECONDS} seconds with the count since the
 * last one, and one line says when Redis decides again.
 */
final class RedisOutage {
    private static final System.Logger LOGGER = System.getLogger(RedisOutage.class.getName());
    private static final long WARN_EVERY_SECONDS = 30;
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(WARN_EVERY_SECONDS).toNanos();

    private final RedisSettings settings;
    private final RateLimitMetrics metrics;
    private final AtomicBoolean ongoing = new AtomicBoolean();
    private final AtomicLong sinceWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    RedisOutage(RedisSettings settings, RateLimitMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Records a request that Redis did not decide.
     *
     * @param reason why
     */
    void fallback(RedisUnavailableException.Reason reason) {
        metrics.fallback(reason);
        ongoing.set(true);
        long count = sinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            sinceWarning.addAndGet(-count);
            LOGGER.log(Level.WARNING, "Redis at " + settings.safeUri() + " did not decide " + count + " request(s) since the"
                    + " last warning (now: " + reason.tag() + "); "
                    + (settings.onFailure() == OnFailure.FAIL_OPEN
                       ? "they were limited by this gateway's own buckets (fail-open)"
                       : "they were answered 503 (fail-closed)"));
        }
    }

    /** Records a request that Redis decided: the first after an outage is logged. */
    void decided() {
        if (ongoing.get() && ongoing.compareAndSet(true, false)) {
            LOGGER.log(Level.INFO, "Redis at " + settings.safeUri() + " decides again: rate limits are shared");
        }
    }
}
