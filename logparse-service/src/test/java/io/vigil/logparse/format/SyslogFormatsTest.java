package io.vigil.logparse.format;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.at;
import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class SyslogFormatsTest {
    private static final String BOM = "\uFEFF";

    private final LineFormat rfc3164 = format("syslog-rfc3164");
    private final LineFormat rfc5424 = format("syslog-rfc5424");

    private static String ts(LineFormat format, String line) {
        return Instant.ofEpochMilli(parse(format, line).timestampMillis()).toString();
    }

    @Test
    void rfc3164Examples() {
        // "now" is 2024-03-20: October lies in the future, so it is last year's
        assertParses(rfc3164, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
                     "facility", "auth", "severity", "crit", "level", "FATAL", "ts", "2023-10-11T22:14:15Z",
                     "host", "mymachine", "app", "su", "msg", "'su root' failed for lonvick on /dev/pts/8");
        assertParses(rfc3164, "<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!",
                     "facility", "user", "severity", "notice", "level", "INFO", "ts", "2024-02-05T17:32:18Z",
                     "host", "10.0.0.99", "msg", "Use the BFG!");
        assertParses(rfc3164, "<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts.",
                     "facility", "local4", "severity", "notice", "level", "INFO", "ts", "2023-08-24T05:34:00Z",
                     "host", "CST", "msg", "1987 mymachine myproc[10]: %% It's time to make the do-nuts.");
    }

    @Test
    void rfc3164FileFormatWithoutPriority() {
        assertParses(rfc3164, "Mar 14 10:15:30 web01 sshd[1234]: Accepted publickey for deploy from 10.0.0.7 port 50522 ssh2",
                     "ts", "2024-03-14T10:15:30Z", "host", "web01", "app", "sshd", "pid", "1234",
                     "msg", "Accepted publickey for deploy from 10.0.0.7 port 50522 ssh2");
        assertParses(rfc3164, "<7>Mar 01 00:00:00 web01 app:", "facility", "kern", "severity", "debug", "level", "DEBUG",
                     "ts", "2024-03-01T00:00:00Z", "host", "web01", "app", "app");
        assertParses(rfc3164, "Mar 14 10:15:30 web01", "ts", "2024-03-14T10:15:30Z", "host", "web01");
    }

    @Test
    void rfc3164HighPrecisionTimestamp() {
        assertParses(rfc3164, "2024-03-14T10:15:30.123456+01:00 web01 kernel: [12345.678] eth0: link up",
                     "ts", "2024-03-14T09:15:30.123Z", "host", "web01", "app", "kernel", "msg", "[12345.678] eth0: link up");
    }

    @Test
    void yearRuleDecemberLinesReadInJanuary() {
        LineFormat january = format("syslog-rfc3164", at("2025-01-02T00:00:00Z", "UTC"));
        assertThat(ts(january, "Dec 31 23:59:59 h a: x"), is("2024-12-31T23:59:59Z"));
        assertThat(ts(january, "Jan  1 00:00:01 h a: x"), is("2025-01-01T00:00:01Z"));
        // up to a day ahead of "now" is clock skew, not last year
        assertThat(ts(rfc3164, "Mar 21 10:00:00 h a: x"), is("2024-03-21T10:00:00Z"));
        assertThat(ts(rfc3164, "Mar 21 12:00:01 h a: x"), is("2023-03-21T12:00:01Z"));
    }

    @Test
    void yearRuleLeapDays() {
        assertThat(ts(format("syslog-rfc3164", at("2025-03-01T00:00:00Z", "UTC")), "Feb 29 12:00:00 h a: x"),
                   is("2024-02-29T12:00:00Z"));
        assertThat(ts(format("syslog-rfc3164", at("2024-03-01T00:00:00Z", "UTC")), "Feb 29 12:00:00 h a: x"),
                   is("2024-02-29T12:00:00Z"));
        assertThat(ts(format("syslog-rfc3164", at("2024-02-27T00:00:00Z", "UTC")), "Feb 29 12:00:00 h a: x"),
                   is("2020-02-29T12:00:00Z"));
        assertThat(ts(format("klog", at("2101-01-01T00:00:00Z", "UTC")), "I0229 12:00:00.000000 1 a.go:1] x"),
                   is("2096-02-29T12:00:00Z"));
    }

    @Test
    void yearRuleUsesTheZone() {
        // 2025-01-01T00:30 in Paris is still 2024 in UTC; the line's local Dec 31 belongs to 2024 in both
        LineFormat paris = format("syslog-rfc3164", at("2024-12-31T23:30:00Z", "Europe/Paris"));
        assertThat(ts(paris, "Dec 31 23:59:59 h a: x"), is("2024-12-31T22:59:59Z"));
        assertThat(ts(paris, "Jan  1 00:10:00 h a: x"), is("2024-12-31T23:10:00Z"));
    }

    @Test
    void rfc3164Malformed() {
        assertMalformed(rfc3164, "<192>Oct 11 22:14:15 mymachine su: x", Reasons.BAD_PRIORITY);
        assertMalformed(rfc3164, "<34Oct 11 22:14:15 mymachine su: x", Reasons.BAD_PRIORITY);
        assertMalformed(rfc3164, "<>Oct 11 22:14:15 mymachine su: x", Reasons.BAD_PRIORITY);
        assertMalformed(rfc3164, "<34>Oct 11 22:14", Reasons.TRUNCATED);
        assertMalformed(rfc3164, "<34>Foo 11 22:14:15 mymachine su: x", Reasons.BAD_TIMESTAMP);
        assertMalformed(rfc3164, "<34>Oct 11 25:14:15 mymachine su: x", Reasons.BAD_TIMESTAMP);
        assertMalformed(rfc3164, "<34>Oct 11 22:14:15", Reasons.TRUNCATED);
        assertMalformed(rfc3164, "<34>Oct 11 22:14:15x mymachine", Reasons.BAD_SYNTAX);
        assertMalformed(rfc3164, "<34>Oct 11 22:14:15  x", Reasons.BAD_SYNTAX);
        assertMalformed(rfc3164, "2024-03-14T10:15:30+0x:00 web01 x", Reasons.BAD_TIMESTAMP);
    }

    @Test
    void rfc5424Examples() {
        assertParses(rfc5424, "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - " + BOM
                              + "'su root' failed for lonvick on /dev/pts/8",
                     "facility", "auth", "severity", "crit", "level", "FATAL", "ts", "2003-10-11T22:14:15.003Z",
                     "host", "mymachine.example.com", "app", "su", "msgid", "ID47",
                     "msg", "'su root' failed for lonvick on /dev/pts/8");
        assertParses(rfc5424, "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make "
                              + "the do-nuts.",
                     "facility", "local4", "severity", "notice", "level", "INFO", "ts", "2003-08-24T12:14:15Z",
                     "host", "192.0.2.1", "app", "myproc", "pid", "8710", "msg", "%% It's time to make the do-nuts.");
    }

    @Test
    void rfc5424StructuredData() {
        String header = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 ";
        String sd = "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]";
        assertParses(rfc5424, header + sd + " " + BOM + "An application event log entry...",
                     "facility", "local4", "severity", "notice", "level", "INFO", "ts", "2003-10-11T22:14:15.003Z",
                     "host", "mymachine.example.com", "app", "evntslog", "msgid", "ID47",
                     "exampleSDID@32473.iut", "3", "exampleSDID@32473.eventSource", "Application",
                     "exampleSDID@32473.eventID", "1011", "msg", "An application event log entry...");
        assertParses(rfc5424, header + sd + "[examplePriority@32473 class=\"high\"]",
                     "facility", "local4", "severity", "notice", "level", "INFO", "ts", "2003-10-11T22:14:15.003Z",
                     "host", "mymachine.example.com", "app", "evntslog", "msgid", "ID47",
                     "exampleSDID@32473.iut", "3", "exampleSDID@32473.eventSource", "Application",
                     "exampleSDID@32473.eventID", "1011", "examplePriority@32473.class", "high");
    }

    @Test
    void rfc5424EscapesAndNilValues() {
        assertParses(rfc5424, "<14>1 2024-03-14T10:15:30Z host app 1 - [x@1 a=\"q\\\"uote\" b=\"back\\\\slash\" "
                              + "c=\"br\\]acket\" d=\"other\\n\" e=\"\"][meta] m",
                     "facility", "user", "severity", "info", "level", "INFO", "ts", "2024-03-14T10:15:30Z",
                     "host", "host", "app", "app", "pid", "1", "x@1.a", "q\"uote", "x@1.b", "back\\slash",
                     "x@1.c", "br]acket", "x@1.d", "other\\n", "x@1.e", "", "msg", "m");
        assertParses(rfc5424, "<14>1 - - - - - -", "facility", "user", "severity", "info", "level", "INFO");
        assertParses(rfc5424, "<14>1 - - - - - - ", "facility", "user", "severity", "info", "level", "INFO");
    }

    @Test
    void rfc5424Malformed() {
        assertMalformed(rfc5424, "<14>1 2024-13-14T10:15:30Z host app 1 - - m", Reasons.BAD_TIMESTAMP);
        assertMalformed(rfc5424, "<14>1 2024-03-14T10:15:30Z host app", Reasons.TRUNCATED);
        assertMalformed(rfc5424, "<14>1 2024-03-14T10:15:30Z host app ", Reasons.TRUNCATED);
        assertMalformed(rfc5424, "14>1 2024-03-14T10:15:30Z host app 1 - - m", Reasons.BAD_SYNTAX);
        assertMalformed(rfc5424, "<14>1", Reasons.TRUNCATED);
        assertMalformed(rfc5424, "", Reasons.TRUNCATED);
        assertMalformed(rfc5424, "<999>1 - - - - - -", Reasons.BAD_PRIORITY);
    }

    @Test
    void rfc5424StructuredDataItCannotReadIsSkippedNotMalformed() {
        String head = "<14>1 2024-03-14T10:15:30Z host app 1 - ";
        String[] fields = {"facility", "user", "severity", "info", "level", "INFO", "ts", "2024-03-14T10:15:30Z",
            "host", "host", "app", "app", "pid", "1"};
        assertParses(rfc5424, head + "[x@1 a=\"unterminated] m", with(fields, "msg", "m"));
        assertParses(rfc5424, head + "[] m", with(fields, "msg", "m"));
        assertParses(rfc5424, head + "[x@1 a=\"1\"x] m", with(fields, "msg", "m"));
        assertParses(rfc5424, head + "[x@1 a=3] m", with(fields, "x@1.a", "3", "msg", "m"));
        assertParses(rfc5424, head + "[x@1", with(fields, "msg", "[x@1"));
        assertParses(rfc5424, head + "x", with(fields, "msg", "x"));
        assertParses(rfc5424, head + "-m", with(fields, "msg", "-m"));
        assertParses(rfc5424, head, fields);
    }

    private static String[] with(String[] head, String... more) {
        String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }
}
