package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Shared helpers for the format tests: a fixed clock, parsing from strings, and a field map view of a parsed line.
 */
final class FormatTesting {
    /** "Now" in every test: 2024-03-20T12:00:00Z. */
    static final Instant NOW = Instant.parse("2024-03-20T12:00:00Z");
    static final TimeContext UTC = TimeContext.of(ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));

    private FormatTesting() {
    }

    static TimeContext at(String now, String zone) {
        return TimeContext.of(ZoneId.of(zone), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    static LineFormat format(String name) {
        return format(name, UTC);
    }

    static LineFormat format(String name, TimeContext time) {
        return Formats.byName(name, time).orElseThrow();
    }

    static byte[] utf8(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a line placed in the middle of a larger buffer, to catch index mistakes. */
    static ParsedLine parse(LineFormat format, byte[] line) {
        byte[] buf = new byte[line.length + 10];
        java.util.Arrays.fill(buf, (byte) 'x');
        System.arraycopy(line, 0, buf, 5, line.length);
        ParsedLine out = new ParsedLine();
        format.parse(buf, 5, 5 + line.length, out);
        return out;
    }

    static ParsedLine parse(LineFormat format, String line) {
        return parse(format, utf8(line));
    }

    /** The fields of a parsed line by their normalised names, extras by theirs; absent fields are left out. */
    static Map<String, String> fields(ParsedLine line) {
        Map<String, String> map = new TreeMap<>();
        if (line.timestampMillis() != ParsedLine.NO_TIMESTAMP) {
            map.put("ts", Instant.ofEpochMilli(line.timestampMillis()).toString());
        }
        if (line.level() != Level.NONE) {
            map.put("level", line.level().name());
        }
        putNumber(map, "status", line.status());
        putNumber(map, "bytes", line.bytes());
        putNumber(map, "durationMicros", line.durationMicros());
        for (Field field : Field.values()) {
            if (line.has(field)) {
                map.put(field.jsonName(), line.string(field));
            }
        }
        for (int i = 0; i < line.extraCount(); i++) {
            map.putIfAbsent(line.extraName(i), line.extraValue(i));
        }
        return map;
    }

    private static void putNumber(Map<String, String> map, String name, long value) {
        if (value >= 0) {
            map.put(name, Long.toString(value));
        }
    }

    /** A field map from alternating names and values. */
    static Map<String, String> map(String... namesAndValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static void assertParses(LineFormat format, String line, String... expected) {
        ParsedLine out = parse(format, line);
        assertThat(line, out.error(), is(nullValue()));
        assertThat(line, fields(out), is(map(expected)));
    }

    static void assertMalformed(LineFormat format, String line, String reason) {
        assertMalformed(format, utf8(line), reason);
    }

    static void assertMalformed(LineFormat format, byte[] line, String reason) {
        ParsedLine out = new ParsedLine();
        assertThat(format.parse(line, 0, line.length, out), is(false));
        assertThat(new String(line, StandardCharsets.UTF_8), out.error(), is(reason));
    }
}
