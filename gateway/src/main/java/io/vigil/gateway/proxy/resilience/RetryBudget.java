package io.vigil.gateway.proxy.resilience;

import java.util.concurrent.atomic.AtomicLong;

import io.vigil.gateway.config.RetrySettings;

/**
 * Keeps retries to a fraction of recent traffic, so that retries cannot multiply the load on an upstream that
 * is already failing: a retry is allowed while the retries in the window stay within {@code percent} of the
 * requests in it, plus a small fixed allowance per window.
 *
 * <p>The window is a ring of ten buckets; counting a request is two atomic operations and no lock.
 */
final class RetryBudget {
    private static final int BUCKETS = 10;

    private final int percent;
    private final int minimum;
    private final long bucketNanos;
    private final Bucket[] buckets = new Bucket[BUCKETS];

    RetryBudget(int percent, int minimum, long windowNanos) {
        this.percent = percent;
        this.minimum = minimum;
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new Bucket();
        }
    }

    /**
     * Creates the budget of an upstream.
     *
     * @param retry its retry settings
     * @return a budget
     */
    static RetryBudget of(RetrySettings retry) {
        return new RetryBudget(retry.budgetPercent(), retry.budgetMinimum(), retry.budgetWindow().toNanos());
    }

    /**
     * Counts a request (not a retry).
     *
     * @param now {@link System#nanoTime()}
     */
    void request(long now) {
        current(now).requests.incrementAndGet();
    }

    /**
     * Takes one retry from the budget if there is room.
     *
     * @param now {@link System#nanoTime()}
     * @return {@code true} when the retry may go ahead (and is counted)
     */
    synchronized boolean tryRetry(long now) {
        long epoch = now / bucketNanos;
        long requests = 0;
        long retries = 0;
        for (Bucket bucket : buckets) {
            if (epoch - bucket.epoch < BUCKETS) {
                requests += bucket.requests.get();
                retries += bucket.retries.get();
            }
        }
        if ((retries + 1) * 100 > requests * percent + (long) minimum * 100) {
            return false;
        }
        current(now).retries.incrementAndGet();
        return true;
    }

    private Bucket current(long now) {
        long epoch = now / bucketNanos;
        Bucket bucket = buckets[(int) Math.floorMod(epoch, (long) BUCKETS)];
        if (bucket.epoch != epoch) {
            synchronized (bucket) {
                if (bucket.epoch != epoch) {
                    bucket.requests.set(0);
                    bucket.retries.set(0);
                    bucket.epoch = epoch;
                }
            }
        }
        return bucket;
    }

    /** Counts of one slice of the window. */
    private static final class Bucket {
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private volatile long epoch = Long.MIN_VALUE;
    }
}
