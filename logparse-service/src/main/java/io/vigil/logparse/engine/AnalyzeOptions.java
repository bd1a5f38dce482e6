package io.vigil.logparse.engine;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import io.vigil.logparse.format.CustomFormat;
import io.vigil.logparse.format.FormatDetector;
import io.vigil.logparse.format.FormatDetector.Detection;
import io.vigil.logparse.format.Formats;
import io.vigil.logparse.format.LineFormat;
import io.vigil.logparse.format.TimeContext;

/**
 * What an analysis is asked to do.
 *
 * @param format  format name, an inline custom format ({@code nginx:...}, {@code apache:...}), or {@value #AUTO} to
 *                detect it from the first lines
 * @param zone    zone of timestamps that carry none
 * @param clock   "now", for formats without a year
 * @param custom  custom formats declared in configuration: selectable by name, and tried first in detection
 * @param filters which records an analysis counts and a parse writes ({@link Filters#NONE}: all)
 */
public record AnalyzeOptions(String format, ZoneId zone, Clock clock, List<CustomFormat> custom, Filters filters) {
    /** Detect the format. */
    public static final String AUTO = "auto";

    /**
     * Creates options.
     */
    public AnalyzeOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        custom = List.copyOf(custom);
        Objects.requireNonNull(filters, "filters");
    }

    /**
     * Creates options without filters.
     *
     * @param format format name, an inline custom format, or {@value #AUTO}
     * @param zone   zone of timestamps that carry none
     * @param clock  "now", for formats without a year
     * @param custom custom formats declared in configuration
     */
    public AnalyzeOptions(String format, ZoneId zone, Clock clock, List<CustomFormat> custom) {
        this(format, zone, clock, custom, Filters.NONE);
    }

    /**
     * Creates options without custom formats.
     *
     * @param format format name, an inline custom format, or {@value #AUTO}
     * @param zone   zone of timestamps that carry none
     * @param clock  "now", for formats without a year
     */
    public AnalyzeOptions(String format, ZoneId zone, Clock clock) {
        this(format, zone, clock, List.of());
    }

    /**
     * The format to use for an input: the named one, or the one detected from the input's first block; either way
     * with the layout of the first block's lines when the format has layouts ({@code text}).
     *
     * @param first  first block of the input
     * @param length bytes in it
     * @return the format, and whether it was detected
     * @throws IllegalArgumentException when the format name is unknown
     */
    Detection choose(byte[] first, int length) {
        TimeContext time = TimeContext.of(zone, clock);
        if (AUTO.equals(format)) {
            return FormatDetector.create(time, custom).detect(first, 0, length);
        }
        LineFormat named = Formats.byName(format, time, custom)
                .orElseThrow(() -> new IllegalArgumentException("format: " + format));
        return new Detection(named.forLines(first, 0, length), false, 1.0);
    }

    /**
     * The same options with filters.
     *
     * @param filters which records to count
     * @return new options
     */
    public AnalyzeOptions withFilters(Filters filters) {
        return new AnalyzeOptions(format, zone, clock, custom, filters);
    }

    /**
     * Detect the format, UTC, system clock.
     *
     * @return default options
     */
    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(AUTO, ZoneId.of("UTC"), Clock.systemUTC());
    }
}
