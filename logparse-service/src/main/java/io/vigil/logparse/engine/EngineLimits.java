package io.vigil.logparse.engine;

import java.time.Duration;

/**
 * The engine's limits and sizing: what keeps one input from exhausting memory or time, and how many threads parse it.
 * The service reads them from its {@code logparse} configuration; the command line uses its own.
 *
 * @param maxLineBytes     longest line parsed; longer ones are malformed "line too long" and skipped without being held
 * @param maxBodyBytes     largest input as sent (before gzip inflation)
 * @param maxInflatedBytes largest input after gzip inflation
 * @param maxInflateRatio  largest inflated/compressed ratio, a zip-bomb guard
 * @param exactDistinct    distinct values per top-N field counted exactly (per worker) before a sketch takes over
 * @param workers          parsing threads per input; 0 means one per core
 * @param deadline         longest time one analysis may take
 */
public record EngineLimits(int maxLineBytes,
                           long maxBodyBytes,
                           long maxInflatedBytes,
                           int maxInflateRatio,
                           int exactDistinct,
                           int workers,
                           Duration deadline) {
    /** The service's defaults: 64 KiB lines, 1 GiB bodies inflating to at most 8 GiB and 200 times, 200 000 exact. */
    public static final EngineLimits DEFAULTS = new EngineLimits(64 * 1024, 1L << 30, 8L << 30, 200, 200_000, 0,
                                                                 Duration.ofMinutes(10));

    /**
     * Parsing threads to use: {@link #workers()}, or the number of cores when that is 0.
     *
     * @return at least 1
     */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
