package io.vigil.logparse.format;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.utf8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class AppLogFormatsTest {
    private final LineFormat log4j = format("log4j");
    private final LineFormat python = format("python");
    private final LineFormat klog = format("klog");
    private final LineFormat text = format("text");

    private static boolean continues(LineFormat format, String line) {
        byte[] bytes = utf8(line);
        return format.continuesRecord(bytes, 0, bytes.length);
    }

    @Test
    void log4jLayouts() {
        assertParses(log4j, "2024-03-14 10:15:30,123 ERROR [main] com.example.App - Connection refused",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "ERROR", "thread", "main", "logger", "com.example.App",
                     "msg", "Connection refused");
        assertParses(log4j, "2024-03-14T10:15:30.123+01:00 [Timer 0] WARN  org.quartz.core - Job misfired",
                     "ts", "2024-03-14T09:15:30.123Z", "level", "WARN", "thread", "Timer 0", "logger", "org.quartz.core",
                     "msg", "Job misfired");
        assertParses(log4j, "176 [main] INFO  examples.Sort - Populating an array of 2 elements in reverse order.",
                     "level", "INFO", "thread", "main", "logger", "examples.Sort",
                     "msg", "Populating an array of 2 elements in reverse order.");
        assertParses(log4j, "2024-03-14 10:15:30,123 INFO [main] a.B -", "ts", "2024-03-14T10:15:30.123Z",
                     "level", "INFO", "thread", "main", "logger", "a.B");
    }

    @Test
    void logbackTimeOnlyLayoutIsDatedByTheClock() {
        // "now" is 2024-03-20T12:00:00Z; a time more than an hour ahead is yesterday's
        assertParses(log4j, "10:15:30.123 [main] ERROR com.example.App - Connection refused",
                     "ts", "2024-03-20T10:15:30.123Z", "level", "ERROR", "thread", "main", "logger", "com.example.App",
                     "msg", "Connection refused");
        assertParses(log4j, "13:30:00.000 [http-nio-8080-exec-1] INFO  c.e.web.Controller - GET /health",
                     "ts", "2024-03-19T13:30:00Z", "level", "INFO", "thread", "http-nio-8080-exec-1",
                     "logger", "c.e.web.Controller", "msg", "GET /health");
        assertParses(log4j, "12:30:00 [main] DEBUG a - b", "ts", "2024-03-20T12:30:00Z", "level", "DEBUG",
                     "thread", "main", "logger", "a", "msg", "b");
    }

    @Test
    void javaStackTraceLinesContinueTheRecord() {
        assertThat(continues(log4j, "\tat com.example.App.main(App.java:10)"), is(true));
        assertThat(continues(log4j, "Caused by: java.io.IOException: disk full"), is(true));
        assertThat(continues(log4j, "\t... 3 more"), is(true));
        assertThat(continues(log4j, "\tSuppressed: java.lang.Exception: x"), is(true));
        assertThat(continues(log4j, "java.lang.IllegalStateException: boom"), is(true));
        assertThat(continues(log4j, "java.lang.NullPointerException"), is(true));
        assertThat(continues(log4j, "com.example.Outer$Inner_1: x"), is(true));
        assertThat(continues(log4j, "2024-03-14 10:15:30,123 ERROR [main] com.example.App - x"), is(false));
        assertThat(continues(log4j, "Exception: no package"), is(false));
        assertThat(continues(log4j, "ERROR something"), is(false));
        assertThat(continues(log4j, "java.lang. x"), is(false));
        assertThat(continues(log4j, ""), is(false));
        assertThat(continues(format("common"), "\tat x"), is(false));
    }

    @Test
    void log4jMalformed() {
        assertMalformed(log4j, "2024-03-14 10:15:30,123 LOUD [main] a - x", Reasons.BAD_LEVEL);
        assertMalformed(log4j, "2024-03-14 25:15:30,123 ERROR [main] a - x", Reasons.BAD_TIMESTAMP);
        assertMalformed(log4j, "25:15:30,123 [main] ERROR a - x", Reasons.BAD_TIMESTAMP);
        assertMalformed(log4j, "2024-03-14 10:15:30,123", Reasons.TRUNCATED);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 ", Reasons.TRUNCATED);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 ERROR main a - x", Reasons.BAD_SYNTAX);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 ERROR [main a - x", Reasons.TRUNCATED);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 ERROR [main] a x", Reasons.BAD_SYNTAX);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 ERROR [main] a", Reasons.TRUNCATED);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 ERROR [main] a -x", Reasons.BAD_SYNTAX);
        assertMalformed(log4j, "2024-03-14 10:15:30,123 [main] LOUD a - x", Reasons.BAD_LEVEL);
        assertMalformed(log4j, "hello world", Reasons.BAD_TIMESTAMP);
    }

    @Test
    void pythonLayouts() {
        assertParses(python, "2024-03-14 10:15:30,123 - app.db - ERROR - Connection refused",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "ERROR", "logger", "app.db", "msg", "Connection refused");
        assertParses(python, "2024-03-14 10:15:30,123 - WARNING - app.db - Slow query - 2.5s",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "WARN", "logger", "app.db", "msg", "Slow query - 2.5s");
        assertParses(python, "2024-03-14 10:15:30,123 CRITICAL app.db disk full",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "FATAL", "logger", "app.db", "msg", "disk full");
        assertParses(python, "2024-03-14 10:15:30,123 DEBUG app.db", "ts", "2024-03-14T10:15:30.123Z",
                     "level", "DEBUG", "logger", "app.db");
        assertParses(python, "2024-03-14 10:15:30,123 - app - INFO", "ts", "2024-03-14T10:15:30.123Z",
                     "level", "INFO", "logger", "app");
        assertParses(python, "WARNING:root:Watch out!", "level", "WARN", "logger", "root", "msg", "Watch out!");
        assertParses(python, "ERROR:app.db:Connection refused: host=db:5432", "level", "ERROR", "logger", "app.db",
                     "msg", "Connection refused: host=db:5432");
        assertParses(python, "INFO:root:", "level", "INFO", "logger", "root");
    }

    @Test
    void pythonTracebackLinesContinueTheRecord() {
        assertThat(continues(python, "Traceback (most recent call last):"), is(true));
        assertThat(continues(python, "  File \"app.py\", line 3, in <module>"), is(true));
        assertThat(continues(python, "    int(x)"), is(true));
        assertThat(continues(python, "ValueError: invalid literal for int() with base 10: 'x'"), is(true));
        assertThat(continues(python, "requests.exceptions.ConnectionError: boom"), is(true));
        assertThat(continues(python, "KeyboardInterrupt"), is(true));
        assertThat(continues(python, "During handling of the above exception, another exception occurred:"), is(true));
        assertThat(continues(python, "The above exception was the direct cause of the following exception:"), is(true));
        assertThat(continues(python, "ERROR:app:msg"), is(false));
        assertThat(continues(python, "2024-03-14 10:15:30,123 - app - INFO - x"), is(false));
        assertThat(continues(python, "not a: traceback"), is(false));
    }

    @Test
    void pythonMalformed() {
        assertMalformed(python, "2024-03-14 10:15:30,123 - app.db - LOUD - x", Reasons.BAD_LEVEL);
        assertMalformed(python, "2024-03-14 10:15:30", Reasons.TRUNCATED);
        assertMalformed(python, "2024-03-14T10:15:30,123 - a - INFO - x", Reasons.BAD_TIMESTAMP);
        assertMalformed(python, "2024-03-14 10:15:30,123 - app.db", Reasons.BAD_SYNTAX);
        assertMalformed(python, "2024-03-14 10:15:30,123 INFO [main] a - x", Reasons.BAD_SYNTAX);
        assertMalformed(python, "2024-03-14 10:15:30,123 INFO", Reasons.TRUNCATED);
        assertMalformed(python, "2024-03-14 10:15:30,123 INFO ", Reasons.BAD_SYNTAX);
        assertMalformed(python, "2024-03-14 10:15:30,123", Reasons.TRUNCATED);
        assertMalformed(python, "2024-03-14 10:15:30,123x", Reasons.BAD_SYNTAX);
        assertMalformed(python, "2024-03-14 10:15:30,123 LOUD a b", Reasons.BAD_LEVEL);
        assertMalformed(python, "LOUD:app:x", Reasons.BAD_LEVEL);
        assertMalformed(python, "ERROR:app", Reasons.BAD_SYNTAX);
    }

    @Test
    void klogLines() {
        assertParses(klog, "E0314 10:15:30.123456   12345 reflector.go:138] Failed to watch *v1.Pod: connection refused",
                     "level", "ERROR", "ts", "2024-03-14T10:15:30.123Z", "pid", "12345", "source", "reflector.go:138",
                     "msg", "Failed to watch *v1.Pod: connection refused");
        assertParses(klog, "I1025 00:15:15.525108       1 example.go:79] This is a message which has a line break.",
                     "level", "INFO", "ts", "2023-10-25T00:15:15.525Z", "pid", "1", "source", "example.go:79",
                     "msg", "This is a message which has a line break.");
        assertParses(klog, "W0320 11:59:00.000001 7 main.go:5]", "level", "WARN", "ts", "2024-03-20T11:59:00Z",
                     "pid", "7", "source", "main.go:5");
        assertParses(klog, "F0320 11:59:00.999999 7 main.go:5] ", "level", "FATAL", "ts", "2024-03-20T11:59:00.999Z",
                     "pid", "7", "source", "main.go:5");
    }

    @Test
    void klogMalformed() {
        assertMalformed(klog, "X0314 10:15:30.123456 1 a.go:1] x", Reasons.BAD_LEVEL);
        assertMalformed(klog, "E1314 10:15:30.123456 1 a.go:1] x", Reasons.BAD_TIMESTAMP);
        assertMalformed(klog, "E0314 10:15:30,123456 1 a.go:1] x", Reasons.BAD_TIMESTAMP);
        assertMalformed(klog, "E0314 10:15:30.12345x 1 a.go:1] x", Reasons.BAD_TIMESTAMP);
        assertMalformed(klog, "E0314 10:15:30.123456", Reasons.TRUNCATED);
        assertMalformed(klog, "E0314 10:15:30.123456 x a.go:1] m", Reasons.BAD_SYNTAX);
        assertMalformed(klog, "E0314 10:15:30.123456 1 a.go:1 m", Reasons.TRUNCATED);
        assertMalformed(klog, "E0314 10:15:30.123456 1 a.go] m", Reasons.BAD_SYNTAX);
        assertMalformed(klog, "E0314 10:15:30.123456 1 a.go:1]m", Reasons.BAD_SYNTAX);
        assertMalformed(klog, "E0314 10:15:30.1234561 a.go:1] m", Reasons.BAD_SYNTAX);
    }

    @Test
    void textFindsLevelsAndLeadingTimestamps() {
        assertParses(text, "2024-03-14T10:15:30Z worker-3 ERROR job 42 failed: timeout",
                     "ts", "2024-03-14T10:15:30Z", "level", "ERROR",
                     "msg", "2024-03-14T10:15:30Z worker-3 ERROR job 42 failed: timeout");
        assertParses(text, "[2024-03-14 10:15:30.123] [WARN] cache miss",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "WARN", "msg", "[2024-03-14 10:15:30.123] [WARN] cache miss");
        assertParses(text, "2024-03-14 10:15:30,5+02 x", "ts", "2024-03-14T08:15:30.500Z", "msg", "2024-03-14 10:15:30,5+02 x");
        assertParses(text, "Mar 14 10:15:30 something happened with error",
                     "ts", "2024-03-14T10:15:30Z", "msg", "Mar 14 10:15:30 something happened with error");
        assertParses(text, "2024/03/14 10:15:30 INFO started", "ts", "2024-03-14T10:15:30Z", "level", "INFO",
                     "msg", "2024/03/14 10:15:30 INFO started");
        assertParses(text, "[10/Oct/2000:13:55:36 -0700] FATAL x", "ts", "2000-10-10T20:55:36Z", "level", "FATAL",
                     "msg", "[10/Oct/2000:13:55:36 -0700] FATAL x");
        assertParses(text, "[Wed Oct 11 14:32:52 2000] [error] x", "ts", "2000-10-11T14:32:52Z",
                     "msg", "[Wed Oct 11 14:32:52 2000] [error] x");
        assertParses(text, "no ERRORS here, INFOrmation only, 10/Oct/2000:13:55:36 -0700",
                     "msg", "no ERRORS here, INFOrmation only, 10/Oct/2000:13:55:36 -0700");
        assertParses(text, "2024-03-14T10:15:30 is not 2024-13-14", "ts", "2024-03-14T10:15:30Z",
                     "msg", "2024-03-14T10:15:30 is not 2024-13-14");
        assertParses(text, "2024-13-14T10:15:30 bad date", "msg", "2024-13-14T10:15:30 bad date");
        assertParses(text, "");
    }

    @Test
    void textAcceptsGarbage() {
        byte[] garbage = {(byte) 0xFF, 0, (byte) 0xC3, '[', '"', '\\', 'E', 'R', 'R', 'O', 'R'};
        ParsedLine out = new ParsedLine();
        assertThat(text.parse(garbage, 0, garbage.length, out), is(true));
        assertThat(out.level(), is(Level.ERROR));
        assertThat(out.string(Field.MSG), is("\uFFFD\u0000\uFFFD[\"\\ERROR"));
    }
}
