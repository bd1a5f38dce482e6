package io.vigil.logparse;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.logparse.engine.EngineLimits;

/**
 * The {@code logparse} section: the engine's limits, and how many requests the service analyses at once.
 *
 * @param engine        {@code max-line-bytes} (default 64 KiB), {@code max-body-bytes} (1 GiB),
 *                      {@code max-inflated-bytes} (8 GiB), {@code max-inflate-ratio} (200), {@code exact-distinct}
 *                      (200 000), {@code workers} (0: one per core) and {@code deadline} (10 min), see
 *                      {@link EngineLimits}
 * @param maxConcurrent analyses and parses running at once; each holds its workers' counters in memory
 *                      ({@code max-concurrent}, default 2)
 * @param queue         requests waiting for a turn; beyond, a 503 ({@code queue}, default 16)
 */
public record LogparseSettings(EngineLimits engine, int maxConcurrent, int queue) {
    /** Defaults, as in application.yaml. */
    public static final LogparseSettings DEFAULTS = new LogparseSettings(EngineLimits.DEFAULTS, 2, 16);

    /**
     * Reads and validates the {@code logparse} section.
     *
     * @param logparse the {@code logparse} configuration node
     * @return validated settings
     */
    public static LogparseSettings create(Config logparse) {
        EngineLimits defaults = EngineLimits.DEFAULTS;
        EngineLimits engine = new EngineLimits(
                ConfigValues.intIn(logparse.get("max-line-bytes"), defaults.maxLineBytes(), 256, 16 << 20),
                longIn(logparse.get("max-body-bytes"), defaults.maxBodyBytes()),
                longIn(logparse.get("max-inflated-bytes"), defaults.maxInflatedBytes()),
                ConfigValues.intIn(logparse.get("max-inflate-ratio"), defaults.maxInflateRatio(), 1, 100_000),
                ConfigValues.intIn(logparse.get("exact-distinct"), defaults.exactDistinct(), 100, 10_000_000),
                ConfigValues.intIn(logparse.get("workers"), defaults.workers(), 0, 256),
                ConfigValues.durationIn(logparse.get("deadline"), defaults.deadline(), Duration.ofSeconds(1),
                                        Duration.ofHours(24)));
        return new LogparseSettings(engine,
                                    ConfigValues.intIn(logparse.get("max-concurrent"), DEFAULTS.maxConcurrent(), 1, 1024),
                                    ConfigValues.intIn(logparse.get("queue"), DEFAULTS.queue(), 0, 100_000));
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
