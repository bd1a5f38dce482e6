package io.vigil.logparse;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * The {@code logparse} section: limits that keep one request from exhausting the service, and the
 * engine's sizing.
 *
 * @param maxLineBytes       longest line parsed; longer ones are malformed "line too long" and skipped
 *                           without being held ({@code max-line-bytes}, default 64 KiB)
 * @param maxBodyBytes       largest request body as sent ({@code max-body-bytes}, default 1 GiB)
 * @param maxInflatedBytes   largest body after gzip inflation ({@code max-inflated-bytes}, default 8 GiB)
 * @param maxInflateRatio    largest inflated/compressed ratio, a zip-bomb guard ({@code max-inflate-ratio}, 200)
 * @param exactDistinct      distinct values per top-N field counted exactly (per worker) before
 *                           a sketch takes over ({@code exact-distinct}, default 200 000)
 * @param workers            parsing threads per request; 0 means one per core ({@code workers}, default 0)
 * @param deadline           longest time one analysis may take ({@code deadline}, default 10 min)
 * @param maxConcurrent      analyses and parses running at once; each holds its workers' counters in memory
 *                           ({@code max-concurrent}, default 2)
 * @param queue              requests waiting for a turn; beyond, a 503 ({@code queue}, default 16)
 */
public record LogparseSettings(int maxLineBytes,
                               long maxBodyBytes,
                               long maxInflatedBytes,
                               int maxInflateRatio,
                               int exactDistinct,
                               int workers,
                               Duration deadline,
                               int maxConcurrent,
                               int queue) {
    /** Defaults, as in application.yaml. */
    public static final LogparseSettings DEFAULTS = new LogparseSettings(64 * 1024, 1L << 30, 8L << 30, 200, 200_000, 0,
                                                                         Duration.ofMinutes(10), 2, 16);

    /**
     * Reads and validates the {@code logparse} section.
     *
     * @param logparse the {@code logparse} configuration node
     * @return validated settings
     */
    public static LogparseSettings create(Config logparse) {
        return new LogparseSettings(
                ConfigValues.intIn(logparse.get("max-line-bytes"), DEFAULTS.maxLineBytes(), 256, 16 << 20),
                longIn(logparse.get("max-body-bytes"), DEFAULTS.maxBodyBytes()),
                longIn(logparse.get("max-inflated-bytes"), DEFAULTS.maxInflatedBytes()),
                ConfigValues.intIn(logparse.get("max-inflate-ratio"), DEFAULTS.maxInflateRatio(), 1, 100_000),
                ConfigValues.intIn(logparse.get("exact-distinct"), DEFAULTS.exactDistinct(), 100, 10_000_000),
                ConfigValues.intIn(logparse.get("workers"), DEFAULTS.workers(), 0, 256),
                ConfigValues.durationIn(logparse.get("deadline"), DEFAULTS.deadline(), Duration.ofSeconds(1),
                                        Duration.ofHours(24)),
                ConfigValues.intIn(logparse.get("max-concurrent"), DEFAULTS.maxConcurrent(), 1, 1024),
                ConfigValues.intIn(logparse.get("queue"), DEFAULTS.queue(), 0, 100_000));
    }

    /**
     * Parsing threads to use: {@link #workers()}, or the number of cores when that is 0.
     *
     * @return at least 1
     */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    private static long longIn(Config node, long defaultValue) {
        return ConfigValues.oneOf(node, defaultValue, text -> {
            long value = Long.parseLong(text.trim());
            if (value < 1) {
                throw new IllegalArgumentException("not positive");
            }
            return value;
        }, "a positive number of bytes");
    }
}
