package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The byte parsers of {@link TextLayout} agree with a regular expression and {@code java.time} per layout (the simple,
 * obviously correct oracle) on generated lines, valid and mutated: the same time, or none for both. "Now" is
 * 2024-03-20T12:00:00Z, in UTC and in Europe/Paris.
 */
class TextLayoutPropertiesTest {
    private static final int TRIES = 1000;
    private static final TimeContext PARIS = FormatTesting.at("2024-03-20T12:00:00Z", "Europe/Paris");

    private static final Map<TextLayout, Pattern> PATTERNS = Map.of(
            TextLayout.TWO_DIGIT_YEAR, Pattern.compile("^(\\d\\d)/(\\d\\d)/(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?!\\d)"),
            TextLayout.COMPACT, Pattern.compile("^(\\d\\d)(\\d\\d)(\\d\\d) (\\d\\d)(\\d\\d)(\\d\\d)(?!\\d)"),
            TextLayout.DOTTED, Pattern.compile(
                    "^(\\d{4})([.-])(\\d\\d)\\2(\\d\\d)-(\\d\\d)\\.(\\d\\d)\\.(\\d\\d)(?:\\.(\\d+))?(?!\\d)"),
            TextLayout.DIGITS_DASH, Pattern.compile("^(\\d{4})(\\d\\d)(\\d\\d)-(\\d\\d):(\\d\\d):(\\d\\d)(?::(\\d+))?(?!\\d)"),
            TextLayout.COMMA_LEVEL, Pattern.compile("^(\\d{4})-(\\d\\d)-(\\d\\d)[Tt ](\\d\\d):(\\d\\d):(\\d\\d), "),
            TextLayout.MONTH_DAY, Pattern.compile("^\\[(\\d\\d)\\.(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)]"),
            TextLayout.EPOCH, Pattern.compile("^(\\d{10})(?!\\d)"));

    /** A line starting with the time of a layout, and the layout. */
    record Line(TextLayout layout, String text) {
    }

    @Property(tries = TRIES)
    void theByteParsersAgreeWithTheReference(@ForAll("lines") Line line,
                                             @ForAll("mutations") ReferencePropertiesTest.Mutation mutation) {
        byte[] bytes = mutation.apply(line.text());
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (TimeContext time : new TimeContext[] {FormatTesting.UTC, PARIS}) {
            long fast = line.layout().time(bytes, 0, bytes.length, time, new DateCache());
            Optional<Instant> expected = reference(line.layout(), text, time);
            Statistics.label(line.layout().name()).collect(expected.isPresent() ? "time" : "none");
            assertThat(line.layout() + ": " + text,
                       fast == Timestamps.NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(fast)), is(expected));
        }
    }

    @Provide
    Arbitrary<Line> lines() {
        Arbitrary<LocalDateTime> times = Arbitraries.longs()
                .between(Instant.parse("1995-01-01T00:00:00Z").getEpochSecond(),
                         Instant.parse("2025-12-31T23:59:59Z").getEpochSecond())
                .withDistribution(RandomDistribution.uniform())
                .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
        Arbitrary<String> fractions = Arbitraries.of("", "1", "12", "123", "123456", "000000001");
        Arbitrary<String> rests = Arbitraries.of("", " INFO x", "|Step|...", " 42 WARN y", "5 digits", ".z", ", Info  CBS");
        return Combinators.combine(Arbitraries.of(TextLayout.values()).filter(PATTERNS::containsKey), times, fractions,
                                   rests)
                .as((layout, time, fraction, rest) -> new Line(layout, stamp(layout, time, fraction) + rest));
    }

    @Provide
    Arbitrary<ReferencePropertiesTest.Mutation> mutations() {
        return new ReferencePropertiesTest().mutations();
    }

    private static String stamp(TextLayout layout, LocalDateTime time, String fraction) {
        return switch (layout) {
            case TWO_DIGIT_YEAR -> format("yy/MM/dd HH:mm:ss", time);
            case COMPACT -> format("yyMMdd HHmmss", time);
            case DOTTED -> format(fraction.length() % 2 == 0 ? "yyyy.MM.dd-HH.mm.ss" : "yyyy-MM-dd-HH.mm.ss", time)
                           + (fraction.isEmpty() ? "" : "." + fraction);
            case DIGITS_DASH -> format("yyyyMMdd-HH:mm:ss", time) + (fraction.isEmpty() ? "" : ":" + fraction);
            case COMMA_LEVEL -> format("yyyy-MM-dd HH:mm:ss", time) + ",";
            case MONTH_DAY -> format("'['MM.dd HH:mm:ss']'", time);
            case EPOCH -> Long.toString(time.toEpochSecond(ZoneOffset.UTC));
            case STANDARD -> throw new IllegalArgumentException("not generated");
        };
    }

    private static String format(String pattern, LocalDateTime time) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(time);
    }

    // ------------------------------------------------------------------ the reference

    /** The time the layout reads at the start of the line, restated with a regular expression and java.time. */
    static Optional<Instant> reference(TextLayout layout, String line, TimeContext time) {
        Matcher m = PATTERNS.get(layout).matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(switch (layout) {
                case TWO_DIGIT_YEAR, COMPACT -> withCentury(time, m);
                case DOTTED -> local(time, LocalDateTime.of(n(m, 1), n(m, 3), n(m, 4), n(m, 5), n(m, 6), n(m, 7)), m.group(8));
                case DIGITS_DASH -> local(time, dateTime(m), m.group(7));
                case COMMA_LEVEL -> local(time, dateTime(m), null);
                case MONTH_DAY -> ReferenceParsers.withoutYear(time, n(m, 1), n(m, 2),
                                                               java.time.LocalTime.of(n(m, 3), n(m, 4), n(m, 5)));
                case EPOCH -> Instant.ofEpochSecond(Long.parseLong(m.group(1)));
                case STANDARD -> throw new IllegalArgumentException("no reference");
            });
        } catch (DateTimeException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            // ReferenceParsers.withoutYear rejects with its own unchecked exception: no year fits.
            if (layout == TextLayout.MONTH_DAY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static int n(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** Year, month, day, hour, minute and second in groups 1 to 6. */
    private static LocalDateTime dateTime(Matcher m) {
        return dateTime(m, 0);
    }

    /** The same, with {@code century} added to the year. */
    private static LocalDateTime dateTime(Matcher m, int century) {
        return LocalDateTime.of(century + n(m, 1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6));
    }

    private static Instant local(TimeContext time, LocalDateTime dateTime, String fraction) {
        int millis = fraction == null ? 0 : Integer.parseInt((fraction + "00").substring(0, 3));
        return ZonedDateTime.of(dateTime, time.zone()).toInstant().plusMillis(millis);
    }

    /** A two-digit year in groups 1 to 6, within 80 years before and 20 years after now (SimpleDateFormat's rule). */
    private static Instant withCentury(TimeContext time, Matcher m) {
        int nowYear = Instant.ofEpochMilli(time.nowMillis()).atZone(time.zone()).getYear();
        int century = nowYear / 100 * 100;
        return local(time, dateTime(m, century + n(m, 1) > nowYear + 20 ? century - 100 : century), null);
    }
}
