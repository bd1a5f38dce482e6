package io.vigil.gateway.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A Bucket4j token bucket per caller in this gateway's memory. The number of buckets is bounded: when full, buckets
 * that have refilled completely (and so are equivalent to fresh ones) are dropped, and failing that an arbitrary tenth.
 */
final class LocalBuckets {
    private final Bandwidth bandwidth;
    private final int maxClients;
    private final long refillNanos;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

    LocalBuckets(RateLimitSettings settings) {
        this.bandwidth = bandwidth(settings);
        this.maxClients = settings.maxClients();
        this.refillNanos = Duration.ofSeconds(1).toNanos() * settings.burst() / settings.requestsPerSecond() + 1;
    }

    /**
     * The bucket every caller gets, here and in Redis: {@code burst} tokens, refilled greedily at
     * {@code requests-per-second}.
     *
     * @param settings the limits
     * @return the bandwidth
     */
    static Bandwidth bandwidth(RateLimitSettings settings) {
        return Bandwidth.builder()
                .capacity(settings.burst())
                .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
                .build();
    }

    /**
     * Takes one token from a caller's bucket.
     *
     * @param caller API key id or client address
     * @return 0 when the request may go ahead, else the nanoseconds until a token is available
     */
    long tryAcquire(String caller) {
        Entry entry = buckets.get(caller);
        if (entry == null) {
            if (buckets.size() >= maxClients) {
                evict();
            }
            entry = buckets.computeIfAbsent(caller, ignored -> new Entry(Bucket.builder().addLimit(bandwidth).build()));
        }
        entry.lastUsed = System.nanoTime();
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /**
     * Buckets held right now.
     *
     * @return count
     */
    int size() {
        return buckets.size();
    }

    private void evict() {
        long now = System.nanoTime();
        buckets.values().removeIf(entry -> now - entry.lastUsed > refillNanos);
        if (buckets.size() >= maxClients) {
            int drop = Math.max(1, maxClients / 10);
            Iterator<String> names = buckets.keySet().iterator();
            while (drop-- > 0 && names.hasNext()) {
                names.next();
                names.remove();
            }
        }
    }

    /** A bucket and when it was last used. */
    private static final class Entry {
        private final Bucket bucket;
        private volatile long lastUsed;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }
}
