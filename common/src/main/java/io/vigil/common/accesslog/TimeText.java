package io.vigil.common.accesslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes timestamps in UTC, formatting each second once: lines of one second share their text up to the seconds.
 * One instance per formatter, used by the writer thread only.
 */
final class TimeText {
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss '+0000'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final DateTimeFormatter formatter;
    private long second = Long.MIN_VALUE;
    private String text;

    private TimeText(DateTimeFormatter formatter) {
        this.formatter = formatter;
    }

    /** ISO-8601 with milliseconds: {@code 2026-03-14T10:00:00.123Z}. */
    static TimeText iso() {
        return new TimeText(ISO_SECONDS);
    }

    /** Common Log Format: {@code 14/Mar/2026:10:00:00 +0000}. */
    static TimeText clf() {
        return new TimeText(CLF);
    }

    /**
     * Appends the time; ISO-8601 text gets its milliseconds and {@code Z}.
     *
     * @param epochMillis the time
     * @param out         where to write
     */
    void append(long epochMillis, StringBuilder out) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        if (seconds != second) {
            second = seconds;
            text = formatter.format(Instant.ofEpochSecond(seconds));
        }
        out.append(text);
        if (formatter == ISO_SECONDS) {
            int millis = (int) Math.floorMod(epochMillis, 1000L);
            out.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10)).append('Z');
        }
    }
}
