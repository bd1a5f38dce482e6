package io.vigil.logparse.format;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class ValuesTest {
    @Test
    void fieldsAreRangesOfTheLineWithAPresenceBit() {
        byte[] line = FormatTesting.utf8("GET /a POST");
        ParsedLine out = new ParsedLine();
        out.set(Field.METHOD, line, 0, 3);
        out.set(Field.PATH, line, 4, 6);
        out.set(Field.QUERY, line, 6, 6);
        assertThat(out.has(Field.METHOD), is(true));
        assertThat(out.buffer(Field.METHOD) == line, is(true));
        assertThat(out.start(Field.PATH) + "-" + out.end(Field.PATH), is("4-6"));
        assertThat(out.string(Field.PATH), is("/a"));
        assertThat(out.has(Field.QUERY), is(false));
        assertThat(out.string(Field.QUERY), is(""));
        assertThat(out.fieldCount(), is(2));
        out.set(Field.METHOD, line, 7, 11);
        assertThat(out.string(Field.METHOD), is("POST"));
        out.set(Field.METHOD, line, 7, 7);
        assertThat(out.has(Field.METHOD), is(false));
        out.reset();
        assertThat(out.has(Field.PATH), is(false));
        assertThat(out.fieldCount(), is(0));
    }

    @Test
    void invalidUtf8DecodesWithReplacement() {
        byte[] bad = {'a', (byte) 0xC3, (byte) 0x28, (byte) 0xF0, (byte) 0x9F, 'b'};
        ParsedLine out = new ParsedLine();
        out.set(Field.MSG, bad, 0, bad.length);
        assertThat(out.string(Field.MSG), is("a\uFFFD(\uFFFDb"));
    }

    @Test
    void parsedLineResetsAndCapsExtras() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            many.append("k").append(i).append("=v ");
        }
        ParsedLine out = parse(format("logfmt"), many.toString());
        assertThat(out.extraCount(), is(ParsedLine.MAX_EXTRAS));
        assertThat(out.extra("k63").orElseThrow(), is("v"));
        assertThat(out.extra("k64").isPresent(), is(false));
        assertThat(out.fieldCount(), is(ParsedLine.MAX_EXTRAS));
        out.reset();
        assertThat(out.extraCount(), is(0));
        assertThat(out.fieldCount(), is(0));
        assertThat(out.error() == null, is(true));
    }

    @Test
    void scratchBufferGrowsWithoutCorruptingEarlierValues() {
        String big = "x".repeat(1000);
        ParsedLine out = parse(format("logfmt"), "a=\"1\\\"\" b=\"" + big + "\\n\" c=\"2\\\\\"");
        assertThat(out.extra("a").orElseThrow(), is("1\""));
        assertThat(out.extra("b").orElseThrow(), is(big + "\n"));
        assertThat(out.extra("c").orElseThrow(), is("2\\"));
    }

    @Test
    void timeContextKeepsItsInputs() {
        Clock clock = Clock.fixed(Instant.parse("2024-03-20T12:00:00Z"), ZoneOffset.UTC);
        TimeContext time = TimeContext.of(ZoneId.of("America/New_York"), clock);
        assertThat(time.zone(), is(ZoneId.of("America/New_York")));
        assertThat(time.clock(), is(clock));
        assertThat(time.nowMillis(), is(clock.millis()));
        assertThat(TimeContext.utc().zone(), is(ZoneOffset.UTC));
    }

    @Test
    void localTimesAcrossDaylightSavingTransitions() {
        TimeContext newYork = FormatTesting.at("2024-12-01T00:00:00Z", "America/New_York");
        LineFormat nginx = format("nginx-error", newYork);
        assertThat(ts(nginx, "2024/03/09 12:00:00 [error] 1#1: x"), is("2024-03-09T17:00:00Z"));
        assertThat(ts(nginx, "2024/03/10 01:30:00 [error] 1#1: x"), is("2024-03-10T06:30:00Z"));
        // 02:30 does not exist on 2024-03-10: the offset before the gap (-05:00) applies
        assertThat(ts(nginx, "2024/03/10 02:30:00 [error] 1#1: x"), is("2024-03-10T07:30:00Z"));
        assertThat(ts(nginx, "2024/03/10 03:30:00 [error] 1#1: x"), is("2024-03-10T07:30:00Z"));
        // 01:30 happens twice on 2024-11-03: the earlier offset (-04:00) applies
        assertThat(ts(nginx, "2024/11/03 01:30:00 [error] 1#1: x"), is("2024-11-03T05:30:00Z"));
        assertThat(ts(nginx, "2024/11/03 03:00:00 [error] 1#1: x"), is("2024-11-03T08:00:00Z"));
        assertThat(ts(nginx, "2024/03/10 01:59:59 [error] 1#1: x"), not(is(ts(nginx, "2024/03/10 03:00:00 [error] 1#1: x"))));
    }

    private static String ts(LineFormat format, String line) {
        return Instant.ofEpochMilli(parse(format, line).timestampMillis()).toString();
    }

    @Test
    void dateArithmeticMatchesJavaTime() {
        DateCache cache = new DateCache();
        for (int year : new int[] {1, 1600, 1899, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999}) {
            for (int month = 1; month <= 12; month++) {
                int days = java.time.YearMonth.of(year, month).lengthOfMonth();
                assertThat(DateCache.lengthOfMonth(year, month), is(days));
                assertThat(cache.epochDay(year, month, days), is(java.time.LocalDate.of(year, month, days).toEpochDay()));
                assertThat(cache.epochDay(year, month, days + 1), is(DateCache.INVALID));
            }
        }
        assertThat(cache.epochDay(2024, 13, 1), is(DateCache.INVALID));
        assertThat(cache.epochDay(2024, 0, 1), is(DateCache.INVALID));
        assertThat(cache.epochDay(-1, 1, 1), is(DateCache.INVALID));
    }

    @Test
    void levelNames() {
        String[][] cases = {
            {"trace", "TRACE"}, {"FINEST", "TRACE"}, {"Debug", "DEBUG"}, {"config", "DEBUG"}, {"information", "INFO"},
            {"NOTICE", "INFO"}, {"warning", "WARN"}, {"err", "ERROR"}, {"SEVERE", "ERROR"}, {"critical", "FATAL"},
            {"emerg", "FATAL"}, {"panic", "FATAL"}, {"trace8", "TRACE"}, {"trace9", "NONE"}, {"tracex", "NONE"},
            {"x", "NONE"}, {"informationalx", "NONE"}, {"loud", "NONE"},
        };
        for (String[] c : cases) {
            byte[] b = Bytes.ascii(c[0]);
            assertThat(c[0], Levels.parse(b, 0, b.length).name(), is(c[1]));
        }
        assertThat(Levels.ofNumber(5), is(Level.TRACE));
        assertThat(Levels.ofNumber(20), is(Level.DEBUG));
        assertThat(Levels.ofNumber(35), is(Level.INFO));
        assertThat(Levels.ofNumber(40), is(Level.WARN));
        assertThat(Levels.ofNumber(59), is(Level.ERROR));
        assertThat(Levels.ofNumber(70), is(Level.FATAL));
    }

    @Test
    void numbersFromBytes() {
        byte[] b = Bytes.ascii("9223372036854775807 9223372036854775808 12a 0.1234567 1. .5 3");
        assertThat(Bytes.parseLong(b, 0, 19), is(Long.MAX_VALUE));
        assertThat(Bytes.parseLong(b, 20, 39), is(Bytes.OVERFLOW));
        assertThat(Bytes.parseLong(b, 40, 43), is(Bytes.BAD));
        assertThat(Bytes.parseLong(b, 0, 0), is(Bytes.BAD));
        assertThat(Bytes.secondsAsMicros(b, 44, 53), is(123_456L));
        assertThat(Bytes.secondsAsMicros(b, 54, 56), is(Bytes.BAD));
        assertThat(Bytes.secondsAsMicros(b, 57, 59), is(Bytes.BAD));
        assertThat(Bytes.secondsAsMicros(b, 60, 61), is(3_000_000L));
        byte[] big = Bytes.ascii("9223372036855.0");
        assertThat(Bytes.secondsAsMicros(big, 0, big.length), is(Bytes.OVERFLOW));
    }

    @Test
    void timestampOffsets() {
        String[][] cases = {{"Z", "0"}, {"+01:30", "5400"}, {"-0800", "-28800"}, {"+05", "18000"}, {"+19:00", "x"},
            {"+01:60", "x"}, {"01:00", "x"}, {"+01-00", "x"}, {"+1", "x"}, {"", "x"}};
        for (String[] c : cases) {
            byte[] b = Bytes.ascii(c[0]);
            int offset = Timestamps.offset(b, 0, b.length);
            assertThat(c[0], offset == Timestamps.NO_OFFSET ? "x" : Integer.toString(offset), is(c[1]));
        }
    }
}
