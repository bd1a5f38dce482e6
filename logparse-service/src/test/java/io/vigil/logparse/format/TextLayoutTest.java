package io.vigil.logparse.format;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.utf8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The layouts of {@code text}: each is chosen from a log's first lines, and gives the time and the level of the lines
 * (the example lines of issue 16). "Now" is 2026-12-04T12:00:00Z.
 */
class TextLayoutTest {
    private static final TimeContext NOW = FormatTesting.at("2026-12-04T12:00:00Z", "UTC");

    /** The text format as it reads a log made of these lines. */
    private static TextFormat textFor(TimeContext time, String... lines) {
        byte[] log = utf8(String.join("\n", lines) + "\n");
        return (TextFormat) new TextFormat(time).forLines(log, 0, log.length);
    }

    private static TextFormat textFor(String... lines) {
        return textFor(NOW, lines);
    }

    @Test
    void twoDigitYears() {
        String line = "26/11/24 14:03:07 WARN scheduler.TaskSetManager: Lost task 3.0";
        TextFormat text = textFor(line);
        assertThat(text.layout(), is(TextLayout.TWO_DIGIT_YEAR));
        assertParses(text, line, "ts", "2026-11-24T14:03:07Z", "level", "WARN", "msg", line);
        assertParses(text, "99/12/31 23:59:59 INFO x", "ts", "1999-12-31T23:59:59Z", "level", "INFO",
                     "msg", "99/12/31 23:59:59 INFO x");
        // The year is stated: a date some days ahead of now stays in its year, and up to 20 years ahead is this century.
        assertParses(text, "26/12/24 09:00:00 ERROR x", "ts", "2026-12-24T09:00:00Z", "level", "ERROR",
                     "msg", "26/12/24 09:00:00 ERROR x");
        assertParses(text, "46/01/01 00:00:00 INFO x", "ts", "2046-01-01T00:00:00Z", "level", "INFO",
                     "msg", "46/01/01 00:00:00 INFO x");
        assertParses(text, "47/01/01 00:00:00 INFO x", "ts", "1947-01-01T00:00:00Z", "level", "INFO",
                     "msg", "47/01/01 00:00:00 INFO x");
    }

    @Test
    void compactDates() {
        String line = "261124 140307 42 INFO dfs.DataNode: Receiving block";
        TextFormat text = textFor(line);
        assertThat(text.layout(), is(TextLayout.COMPACT));
        assertParses(text, line, "ts", "2026-11-24T14:03:07Z", "level", "INFO", "msg", line);
        assertParses(text, "261124 146307 42 INFO bad minute", "level", "INFO", "msg", "261124 146307 42 INFO bad minute");
    }

    @Test
    void dottedAndDashed() {
        String line = "2026.11.24-14.03.07.123456";
        TextFormat text = textFor(line);
        assertThat(text.layout(), is(TextLayout.DOTTED));
        assertParses(text, line, "ts", "2026-11-24T14:03:07.123Z", "msg", line);
        String bgl = "2026-11-24-14.03.07.123456 R02-M1-N0 RAS KERNEL FATAL data TLB error interrupt";
        assertParses(text, bgl, "ts", "2026-11-24T14:03:07.123Z", "level", "FATAL", "msg", bgl);
        assertThat(textFor(bgl).layout(), is(TextLayout.DOTTED));

        String health = "20261124-14:03:07:123|Step|...";
        TextFormat digits = textFor(health);
        assertThat(digits.layout(), is(TextLayout.DIGITS_DASH));
        assertParses(digits, health, "ts", "2026-11-24T14:03:07.123Z", "msg", health);
        assertParses(digits, "20261124-14:03:07|Step|ERROR x", "ts", "2026-11-24T14:03:07Z", "level", "ERROR",
                     "msg", "20261124-14:03:07|Step|ERROR x");
    }

    @Test
    void aCommaBeforeTheLevelInAnyCase() {
        String line = "2026-11-24 14:03:07, Info  CBS  Loaded Servicing Stack";
        TextFormat text = textFor(line);
        assertThat(text.layout(), is(TextLayout.COMMA_LEVEL));
        assertParses(text, line, "ts", "2026-11-24T14:03:07Z", "level", "INFO", "msg", line);
        assertParses(text, "2026-11-24 14:03:08, Error                 CSI    Failed", "ts", "2026-11-24T14:03:08Z",
                     "level", "ERROR", "msg", "2026-11-24 14:03:08, Error                 CSI    Failed");
        assertParses(text, "2026-11-24 14:03:09, Warning CBS x", "ts", "2026-11-24T14:03:09Z", "level", "WARN",
                     "msg", "2026-11-24 14:03:09, Warning CBS x");
    }

    @Test
    void bracketedMonthDayTakesTheLatestYearNotInTheFuture() {
        String line = "[11.24 14:03:07] app.exe - proxy:8080 open";
        TextFormat text = textFor(line);
        assertThat(text.layout(), is(TextLayout.MONTH_DAY));
        assertParses(text, line, "ts", "2026-11-24T14:03:07Z", "msg", line);
        // December 24 would be 20 days after "now": the year before.
        assertParses(text, "[12.24 09:00:00] app.exe - close, ERROR", "ts", "2025-12-24T09:00:00Z", "level", "ERROR",
                     "msg", "[12.24 09:00:00] app.exe - close, ERROR");
        // Within the tolerance for clocks that run ahead (one day): this year.
        assertParses(text, "[12.05 09:00:00] x", "ts", "2026-12-05T09:00:00Z", "msg", "[12.05 09:00:00] x");
    }

    @Test
    void aLeadingUnixEpochInSeconds() {
        String line = "1732457187 2026.11.24 node-12 ...";
        TextFormat text = textFor(line);
        assertThat(text.layout(), is(TextLayout.EPOCH));
        assertParses(text, line, "ts", "2024-11-24T14:06:27Z", "msg", line);
        String bgl = "1795528987 2026.11.24 node-12 2026-11-24-14.03.07.123456 node-12 RAS KERNEL INFO cache parity";
        assertParses(text, bgl, "ts", "2026-11-24T14:03:07Z", "level", "INFO", "msg", bgl);
        assertParses(text, "17324571870 eleven digits", "msg", "17324571870 eleven digits");
    }

    @Test
    void log4jAndPythonWithThreadOrPidColumnsBeforeTheLevel() {
        String log4j = "2026-11-24 14:03:07,123 [main-thread-1] WARN org.x.Y - msg";
        String python = "2026-11-24 14:03:07,123 12345 WARNING module: msg";
        TextFormat text = textFor(log4j, python);
        assertThat(text.layout(), is(TextLayout.STANDARD));
        assertParses(text, log4j, "ts", "2026-11-24T14:03:07.123Z", "level", "WARN", "msg", log4j);
        assertParses(text, python, "ts", "2026-11-24T14:03:07.123Z", "level", "WARN", "msg", python);
    }

    @Test
    void timesWithoutAnOffsetAreLocalInTheZoneOfTheRequest() {
        TimeContext paris = FormatTesting.at("2026-12-04T12:00:00Z", "Europe/Paris");
        TextFormat text = textFor(paris, "26/11/24 14:03:07 WARN x");
        assertParses(text, "26/11/24 14:03:07 WARN x", "ts", "2026-11-24T13:03:07Z", "level", "WARN",
                     "msg", "26/11/24 14:03:07 WARN x");
        assertParses(textFor(paris, "[11.24 14:03:07] x"), "[11.24 14:03:07] x", "ts", "2026-11-24T13:03:07Z",
                     "msg", "[11.24 14:03:07] x");
        assertParses(textFor(paris, "1795528987 x"), "1795528987 x", "ts", "2026-11-24T14:03:07Z", "msg", "1795528987 x");
    }

    @Test
    void linesThatDoNotMatchTheLayoutAreRecordsWithoutATime() {
        TextFormat text = textFor("26/11/24 14:03:07 WARN a", "26/11/24 14:03:08 INFO b",
                                  "java.lang.IllegalStateException: boom", "\tat org.x.Y.run(Y.java:12)");
        assertThat(text.layout(), is(TextLayout.TWO_DIGIT_YEAR));
        assertParses(text, "\tat org.x.Y.run(Y.java:12)", "msg", "\tat org.x.Y.run(Y.java:12)");
        // Another layout's time is not looked for: one layout per log.
        assertParses(text, "2026-11-24T14:03:07Z ERROR x", "level", "ERROR", "msg", "2026-11-24T14:03:07Z ERROR x");
    }

    @Test
    void theStandardLayoutStaysWhenNoOtherOneIsClearlyUsed() {
        assertThat(textFor("no time here", "nor here, ERROR").layout(), is(TextLayout.STANDARD));
        assertThat(textFor("2026-11-24T14:03:07Z a", "2026-11-24 14:03:08,5 b").layout(), is(TextLayout.STANDARD));
        // One line in five has a compact date: under a quarter of the lines, so not chosen.
        assertThat(textFor("a", "b", "c", "d", "261124 140307 42 INFO x").layout(), is(TextLayout.STANDARD));
        assertThat(textFor("a", "b", "c", "261124 140307 42 INFO x").layout(), is(TextLayout.COMPACT));
        byte[] empty = new byte[0];
        assertThat(((TextFormat) new TextFormat(NOW).forLines(empty, 0, 0)).layout(), is(TextLayout.STANDARD));
    }

    @Test
    void detectionFallsBackToTextWithTheLayoutOfTheLines() {
        byte[] log = utf8("""
                26/11/24 14:03:07 WARN scheduler.TaskSetManager: Lost task 3.0
                26/11/24 14:03:08 INFO scheduler.DAGScheduler: Job 3 finished
                """);
        FormatDetector.Detection detection = FormatDetector.create(NOW).detect(log, 0, log.length);
        assertThat(detection.detected(), is(false));
        assertThat(((TextFormat) detection.format()).layout(), is(TextLayout.TWO_DIGIT_YEAR));
    }

    @Test
    void everyLayoutReadsAnyBytesWithoutFailing() {
        Random random = new Random(16);
        ParsedLine out = new ParsedLine();
        byte[] alphabet = utf8("0123456789-./:,[] |aZIN\t");
        for (TextLayout layout : TextLayout.values()) {
            TextFormat text = new TextFormat(NOW, layout);
            for (int n = 0; n < 2_000; n++) {
                byte[] line = new byte[random.nextInt(40)];
                for (int i = 0; i < line.length; i++) {
                    line[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                }
                assertThat(text.parse(line, 0, line.length, out), is(true));
            }
        }
    }
}
