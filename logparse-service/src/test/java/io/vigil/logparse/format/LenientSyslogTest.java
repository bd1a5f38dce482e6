package io.vigil.logparse.format;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.format;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * RFC 5424 lines as senders really write them read the way Vector's {@code parse_syslog} ({@code syslog_loose})
 * reads them, and lines that are not RFC 5424 syslog stay malformed. Each case names where its line comes from:
 * {@code syslog_loose} is github.com/StephenWakely/syslog-loose ({@code tests/tests.rs}, whose Vector cases come
 * from Vector's {@code src/sources/syslog.rs}, and {@code src/structured_data.rs}), {@code vrl} is
 * github.com/vectordotdev/vrl ({@code src/stdlib/parse_syslog.rs}).
 */
class LenientSyslogTest {
    private static final String HEAD = "<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - ";
    private static final String[] HEAD_FIELDS = {"facility", "user", "severity", "notice", "level", "INFO",
        "ts", "2019-02-13T19:48:34Z", "host", "74794bfb6795", "app", "root", "pid", "8449"};
    private static final String EVNTSLOG = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 ";
    private static final String[] EVNTSLOG_FIELDS = {"facility", "local4", "severity", "notice", "level", "INFO",
        "ts", "2003-10-11T22:14:15.003Z", "host", "mymachine.example.com", "app", "evntslog", "msgid", "ID47"};

    private final LineFormat rfc5424 = format("syslog-rfc5424");

    private static String[] with(String[] head, String... more) {
        String[] all = new String[head.length + more.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    static Stream<Arguments> deviantStructuredData() {
        return Stream.of(
                arguments("vrl parse_syslog 'valid' and Vector's docs: a space after '='",
                          "<13>1 2020-03-13T20:45:38.119Z dynamicwireless.name non 2426 ID931 [exampleSDID@32473 iut=\"3\" "
                          + "eventSource= \"Application\" eventID=\"1011\"] Try to override the THX port, maybe it will reboot "
                          + "the neural interface!",
                          new String[] {"facility", "user", "severity", "notice", "level", "INFO",
                              "ts", "2020-03-13T20:45:38.119Z", "host", "dynamicwireless.name", "app", "non", "pid", "2426",
                              "msgid", "ID931", "exampleSDID@32473.iut", "3", "exampleSDID@32473.eventSource", "Application",
                              "exampleSDID@32473.eventID", "1011",
                              "msg", "Try to override the THX port, maybe it will reboot the neural interface!"}),
                arguments("syslog_loose handles_incorrect_sd_element: an element without '=' is skipped",
                          HEAD + "[incorrect x] qwerty", with(HEAD_FIELDS, "msg", "qwerty")),
                arguments("syslog_loose handles_incorrect_sd_element: a parameter without a value is skipped",
                          HEAD + "[incorrect x=] qwerty", with(HEAD_FIELDS, "msg", "qwerty")),
                arguments("syslog_loose handles_empty_sd_element",
                          HEAD + "[non_empty x=\"1\"][empty] qwerty", with(HEAD_FIELDS, "non_empty.x", "1", "msg", "qwerty")),
                arguments("syslog_loose handles_empty_sd_element: an SD-ID that looks like a parameter",
                          HEAD + "[empty not_really=\"testing the test\"] qwerty",
                          with(HEAD_FIELDS, "empty.not_really", "testing the test", "msg", "qwerty")),
                arguments("syslog_loose structured_data.rs parse_structured_data_ignores_invalid_elements",
                          HEAD + "[abc][id aa=][ok b=\"2\"] m", with(HEAD_FIELDS, "ok.b", "2", "msg", "m")),
                arguments("syslog_loose syslog_ng_network_syslog_protocol (from Vector's syslog source)",
                          HEAD + "[meta sequenceId=\"1\" sysUpTime=\"37\" language=\"EN\"][origin ip=\"192.168.0.1\" "
                          + "software=\"test\"] i am foobar",
                          with(HEAD_FIELDS, "meta.sequenceId", "1", "meta.sysUpTime", "37", "meta.language", "EN",
                               "origin.ip", "192.168.0.1", "origin.software", "test", "msg", "i am foobar")),
                arguments("syslog_loose structured_data.rs params_remove_escapes: an unescaped '[' and escapes "
                          + "(Vector turns \\n into a new line; Vigil keeps it, as RFC 5424 says)",
                          HEAD + "[id aa=\"hullo \\\"there\\\"\" bb=\"let's \\\\\\\\do this\\\\\\\\\" cc=\"hello [bye\\]\" "
                          + "dd=\"hello\\nbye\" ee=\"not \\esc\\aped\"] m",
                          with(HEAD_FIELDS, "id.aa", "hullo \"there\"", "id.bb", "let's \\\\do this\\\\", "id.cc", "hello [bye]",
                               "id.dd", "hello\\nbye", "id.ee", "not \\esc\\aped", "msg", "m")),
                arguments("vrl escapes_in_structured_data_bracket",
                          EVNTSLOG + "[exampleSDID@32473 key=\"hello [bye\\]\"] An application event log entry...",
                          with(EVNTSLOG_FIELDS, "exampleSDID@32473.key", "hello [bye]",
                               "msg", "An application event log entry...")),
                arguments("an unescaped ']' inside a value (syslog_loose reads a value up to its unescaped quote)",
                          HEAD + "[http path=\"/a]b\" status=\"200\"] GET", with(HEAD_FIELDS, "http.path", "/a]b",
                                                                                "http.status", "200", "msg", "GET")),
                arguments("unescaped quotes inside a value: the value ends at the quote before ']' or the next name= "
                          + "(syslog_loose drops such an element)",
                          HEAD + "[app msg=\"say \"hi\" now\" n=\"1\"] m",
                          with(HEAD_FIELDS, "app.msg", "say \"hi\" now", "app.n", "1", "msg", "m")),
                arguments("values without quotes (syslog_loose drops such an element)",
                          HEAD + "[fw action=drop proto=tcp dst=10.0.0.1:443] blocked",
                          with(HEAD_FIELDS, "fw.action", "drop", "fw.proto", "tcp", "fw.dst", "10.0.0.1:443",
                               "msg", "blocked")),
                arguments("a space inside the SD-ID: it runs to the last space before the first name=",
                          HEAD + "[exampleSDID @32473 iut=\"3\"] m",
                          with(HEAD_FIELDS, "exampleSDID @32473.iut", "3", "msg", "m")),
                arguments("spaces around the parameters and before ']'",
                          HEAD + "[meta  a=\"1\"   b=\"2\" ] m", with(HEAD_FIELDS, "meta.a", "1", "meta.b", "2", "msg", "m")),
                arguments("no space between the structured data and the message (syslog_loose: space0)",
                          HEAD + "[meta a=\"1\"]m", with(HEAD_FIELDS, "meta.a", "1", "msg", "m")),
                arguments("an element without ']' begins the message",
                          HEAD + "[meta a=\"1\" unterminated", with(HEAD_FIELDS, "msg", "[meta a=\"1\" unterminated")));
    }

    static Stream<Arguments> deviantHeaders() {
        return Stream.of(
                arguments("missing structured data: the text after MSGID is the message",
                          "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 'su root' failed for lonvick",
                          new String[] {"facility", "auth", "severity", "crit", "level", "FATAL",
                              "ts", "2003-10-11T22:14:15.003Z", "host", "mymachine.example.com", "app", "su", "msgid", "ID47",
                              "msg", "'su root' failed for lonvick"}),
                arguments("missing structured data and message", "<14>1 2024-03-14T10:15:30Z host app 1 ID",
                          new String[] {"facility", "user", "severity", "info", "level", "INFO", "ts", "2024-03-14T10:15:30Z",
                              "host", "host", "app", "app", "pid", "1", "msgid", "ID"}),
                arguments("a message that starts with '-'", "<14>1 - h a 1 - --> connected",
                          new String[] {"facility", "user", "severity", "info", "level", "INFO", "host", "h", "app", "a",
                              "pid", "1", "msg", "--> connected"}),
                arguments("a missing version", "<14> 2024-03-14T10:15:30Z host app 1 - - m",
                          new String[] {"facility", "user", "severity", "info", "level", "INFO", "ts", "2024-03-14T10:15:30Z",
                              "host", "host", "app", "app", "pid", "1", "msg", "m"}),
                arguments("an odd version", "<14>01 2024-03-14T10:15:30Z host app 1 - - m",
                          new String[] {"facility", "user", "severity", "info", "level", "INFO", "ts", "2024-03-14T10:15:30Z",
                              "host", "host", "app", "app", "pid", "1", "msg", "m"}),
                arguments("rsyslog's RSYSLOG_SyslogProtocol23Format (two spaces; the second element after a space is "
                          + "the message, as in syslog_loose)",
                          "<46>1 2012-12-11T15:48:23.217459-06:00 tohru rsyslogd 6611 12512  [origin software=\"rsyslogd\" "
                          + "swVersion=\"7.2.2\"] [x y=\"1\"] start",
                          new String[] {"facility", "syslog", "severity", "info", "level", "INFO",
                              "ts", "2012-12-11T21:48:23.217Z", "host", "tohru", "app", "rsyslogd", "pid", "6611",
                              "msgid", "12512",
                              "origin.software", "rsyslogd", "origin.swVersion", "7.2.2", "msg", "[x y=\"1\"] start"}),
                arguments("syslog_loose timestamp.rs parse_timestamp_3339: two-digit fraction, negative offset",
                          "<14>1 1985-04-12T23:20:50.52-07:00 h a - - - m",
                          new String[] {"facility", "user", "severity", "info", "level", "INFO", "ts", "1985-04-13T06:20:50.520Z",
                              "host", "h", "app", "a", "msg", "m"}),
                arguments("a time without an offset is in the zone of the analysis (UTC here)",
                          "<14>1 2024-03-14T10:15:30.5 h a - - - m",
                          new String[] {"facility", "user", "severity", "info", "level", "INFO", "ts", "2024-03-14T10:15:30.500Z",
                              "host", "h", "app", "a", "msg", "m"}),
                arguments("every field NILVALUE and a BOM before the message (RFC 5424 section 6.4)",
                          "<0>1 - - - - - - \uFEFFkernel panic",
                          new String[] {"facility", "kern", "severity", "emerg", "level", "FATAL", "msg", "kernel panic"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"deviantStructuredData", "deviantHeaders"})
    void readsDeviantLinesAsVectorDoes(String source, String line, String[] record) {
        assertParses(rfc5424, line, record);
    }

    static Stream<Arguments> notSyslog() {
        return Stream.of(
                arguments("syslog_loose parse_invalid_message", "complete and utter gobbledegook", Reasons.BAD_SYNTAX),
                arguments("vrl parse_syslog 'invalid'", "not much of a syslog message", Reasons.BAD_SYNTAX),
                arguments("RFC 3164 section 5.4 (a BSD syslog line)",
                          "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
                          Reasons.BAD_SYNTAX),
                arguments("Apache's Common Log Format",
                          "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
                          Reasons.BAD_SYNTAX),
                arguments("JSON lines", "{\"level\":\"info\",\"msg\":\"<14>1 - - - - - -\"}", Reasons.BAD_SYNTAX),
                arguments("a version that is not a number", "<14>v1 2024-03-14T10:15:30Z host app 1 - - m",
                          Reasons.BAD_SYNTAX),
                arguments("a version of four digits", "<14>2024 03-14T10:15:30Z host app 1 - - m", Reasons.BAD_SYNTAX),
                arguments("a time that is not RFC 3339", "<14>1 yesterday host app 1 - - m", Reasons.BAD_TIMESTAMP),
                arguments("a header without MSGID", "<14>1 2024-03-14T10:15:30Z host app 1", Reasons.TRUNCATED),
                arguments("a priority out of range", "<192>1 - - - - - -", Reasons.BAD_PRIORITY),
                arguments("an empty line", "", Reasons.TRUNCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notSyslog")
    void linesThatAreNotSyslogStayMalformed(String source, String line, String reason) {
        assertMalformed(rfc5424, line, reason);
    }
}
