package io.vigil.logparse.format;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.format;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class LogcatFormatTest {
    private final LineFormat logcat = format("logcat");

    @Test
    void theExampleOfTheIssueTakesTheLatestYearNotInTheFuture() {
        // "Now" is 2024-03-20: November 26 of 2024 is still to come, so the line is from 2023.
        assertParses(logcat, "11-26 14:03:07.512  1893  2011 W ActivityManager: Slow operation",
                     "ts", "2023-11-26T14:03:07.512Z", "level", "WARN", "pid", "1893", "tid", "2011",
                     "app", "ActivityManager", "msg", "Slow operation");
        assertParses(logcat, "03-20 11:59:59.000 1 1 I chromium  : [INFO:x.cc(1)] a: b",
                     "ts", "2024-03-20T11:59:59Z", "level", "INFO", "pid", "1", "tid", "1", "app", "chromium",
                     "msg", "[INFO:x.cc(1)] a: b");
    }

    @Test
    void everyLevelLetter() {
        String[][] letters = {{"V", "TRACE"}, {"D", "DEBUG"}, {"I", "INFO"}, {"W", "WARN"}, {"E", "ERROR"}, {"F", "FATAL"},
            {"A", "FATAL"}};
        for (String[] letter : letters) {
            assertParses(logcat, "01-02 03:04:05.006 10 20 " + letter[0] + " Tag:",
                         "ts", "2024-01-02T03:04:05.006Z", "level", letter[1], "pid", "10", "tid", "20", "app", "Tag");
        }
    }

    @Test
    void malformedLinesSayWhy() {
        assertMalformed(logcat, "11-26 14:03:07.512  1893  2011 X Tag: m", Reasons.BAD_LEVEL);
        assertMalformed(logcat, "13-26 14:03:07.512  1893  2011 W Tag: m", Reasons.BAD_TIMESTAMP);
        assertMalformed(logcat, "11-26 14:03:07.512  1893  W Tag: m", Reasons.BAD_SYNTAX);
        assertMalformed(logcat, "11-26 14:03:07.512  1893  2011 W no colon", Reasons.BAD_SYNTAX);
        assertMalformed(logcat, "11-26 14:03:07.512", Reasons.TRUNCATED);
    }

    @Test
    void logcatLinesAreDetected() {
        byte[] log = FormatTesting.utf8("""
                11-26 14:03:07.512  1893  2011 W ActivityManager: Slow operation
                11-26 14:03:07.600  1893  1893 I ActivityManager: Start proc 4242:com.example/u0a1
                11-26 14:03:08.001   612   640 E SurfaceFlinger: Failed to find layer
                """);
        FormatDetector.Detection detection = FormatDetector.create(FormatTesting.UTC).detect(log, 0, log.length);
        assertThat(detection.format().name(), is("logcat"));
        assertThat(detection.detected(), is(true));
    }
}
