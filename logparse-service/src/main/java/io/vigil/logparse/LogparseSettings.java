package io.vigil.logparse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.logparse.engine.EngineLimits;
import io.vigil.logparse.format.CustomFormat;

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
 * @param formats       custom formats declared as {@code formats.<name>: nginx:<log_format>} or
 *                      {@code apache:<LogFormat>}, in the order of the configuration (none by default)
 */
public record LogparseSettings(EngineLimits engine, int maxConcurrent, int queue, List<CustomFormat> formats) {
    /** Defaults, as in application.yaml. */
    public static final LogparseSettings DEFAULTS = new LogparseSettings(EngineLimits.DEFAULTS, 2, 16);

    /**
     * Creates settings.
     */
    public LogparseSettings {
        formats = List.copyOf(formats);
    }

    /**
     * Settings without custom formats.
     *
     * @param engine        the engine's limits
     * @param maxConcurrent analyses and parses running at once
     * @param queue         requests waiting for a turn
     */
    public LogparseSettings(EngineLimits engine, int maxConcurrent, int queue) {
        this(engine, maxConcurrent, queue, List.of());
    }

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
                                    ConfigValues.intIn(logparse.get("queue"), DEFAULTS.queue(), 0, 100_000),
                                    formats(logparse.get("formats")));
    }

    /** The {@code formats} section: each key a format name, each value its definition, checked at start-up. */
    private static List<CustomFormat> formats(Config section) {
        List<CustomFormat> formats = new ArrayList<>();
        for (Config node : section.asNodeList().orElse(List.of())) {
            String definition = ConfigValues.required(node, "nginx:<log_format> or apache:<LogFormat>");
            try {
                formats.add(CustomFormat.named(node.name(), definition));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(node.key() + ": " + e.getMessage(), e);
            }
        }
        return formats;
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
