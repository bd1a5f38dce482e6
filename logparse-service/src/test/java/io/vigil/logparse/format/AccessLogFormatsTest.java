package io.vigil.logparse.format;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class AccessLogFormatsTest {
    private static final String APACHE_DOC_CLF =
            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326";
    private static final String APACHE_DOC_COMBINED = APACHE_DOC_CLF
            + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";

    private final LineFormat common = format("common");
    private final LineFormat combined = format("combined");

    @Test
    void pathRefererAndUserAgentAreHashedWhileScannedUnlessEscaped() {
        String line = "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5 \"http://example.com/start\" "
                      + "\"Mozilla/4.08 [en] (Win98; I ;Nav)\"";
        byte[] block = FormatTesting.utf8(line + "\n" + line);
        ParsedLine out = new ParsedLine();
        assertThat(format("combined").parse(block, 0, line.length(), out), is(true));
        for (Field field : new Field[] {Field.PATH, Field.REFERER, Field.USER_AGENT}) {
            int s = out.start(field);
            int e = out.end(field);
            int expected = KeyHash.of(Swar.partialWord(block, s, e), Swar.partialWord(block, s + 8, e), block, s, e);
            assertThat(field.name(), (int) out.knownHash(field), is(expected));
        }
        assertThat(out.knownHash(Field.CLIENT), is(-1L));

        byte[] escaped = FormatTesting.utf8(line.replace("Win98", "Win\\\"98") + "\n" + line);
        assertThat(format("combined").parse(escaped, 0, line.length() + 2, out), is(true));
        assertThat(out.string(Field.USER_AGENT), is("Mozilla/4.08 [en] (Win\\\"98; I ;Nav)"));
        assertThat(out.knownHash(Field.USER_AGENT), is(-1L));
        assertThat(out.knownHash(Field.REFERER) >= 0, is(true));
    }

    @Test
    void commonFromApacheDocs() {
        assertParses(common, APACHE_DOC_CLF,
                     "client", "127.0.0.1", "user", "frank", "ts", "2000-10-10T20:55:36Z", "method", "GET",
                     "path", "/apache_pb.gif", "protocol", "HTTP/1.0", "status", "200", "bytes", "2326");
    }

    @Test
    void commonWithDashesQueryAndIdent() {
        assertParses(common, "::1 identd - [29/Feb/2024:23:59:59 +0130] \"POST /search?q=x&page=2 HTTP/2.0\" 404 -",
                     "client", "::1", "ident", "identd", "ts", "2024-02-29T22:29:59Z", "method", "POST",
                     "path", "/search", "query", "q=x&page=2", "protocol", "HTTP/2.0", "status", "404");
    }

    @Test
    void commonRejectsWhatCombinedAccepts() {
        assertMalformed(common, APACHE_DOC_COMBINED, Reasons.TRAILING_DATA);
    }

    @Test
    void combinedFromApacheDocs() {
        assertParses(combined, APACHE_DOC_COMBINED,
                     "client", "127.0.0.1", "user", "frank", "ts", "2000-10-10T20:55:36Z", "method", "GET",
                     "path", "/apache_pb.gif", "protocol", "HTTP/1.0", "status", "200", "bytes", "2326",
                     "referer", "http://www.example.com/start.html", "userAgent", "Mozilla/4.08 [en] (Win98; I ;Nav)");
    }

    @Test
    void combinedNginxMainWithForwardedForAndRequestTime() {
        assertParses(combined, "203.0.113.9 - - [14/Mar/2024:10:15:30 +0000] \"GET /api/v1/items?id=7 HTTP/1.1\" 200 512 "
                               + "\"-\" \"curl/8.5.0\" \"198.51.100.1, 10.0.0.2\" 0.123",
                     "client", "203.0.113.9", "ts", "2024-03-14T10:15:30Z", "method", "GET", "path", "/api/v1/items",
                     "query", "id=7", "protocol", "HTTP/1.1", "status", "200", "bytes", "512", "userAgent", "curl/8.5.0",
                     "forwardedFor", "198.51.100.1, 10.0.0.2", "durationMicros", "123000");
    }

    @Test
    void combinedApacheMicroseconds() {
        ParsedLine out = parse(combined, APACHE_DOC_COMBINED + " 48213");
        assertThat(out.durationMicros(), is(48213L));
    }

    @Test
    void combinedIgnoresDashAndUnknownTrailingFields() {
        ParsedLine out = parse(combined, APACHE_DOC_COMBINED + " \"-\"  -  rt=0.5 \"x\" 2.5 7");
        assertThat(out.error() == null, is(true));
        assertThat(out.extra("forwardedFor").isPresent(), is(false));
        assertThat(out.durationMicros(), is(2_500_000L));
    }

    @Test
    void combinedWithMissingRefererAndAgent() {
        assertParses(combined, APACHE_DOC_CLF,
                     "client", "127.0.0.1", "user", "frank", "ts", "2000-10-10T20:55:36Z", "method", "GET",
                     "path", "/apache_pb.gif", "protocol", "HTTP/1.0", "status", "200", "bytes", "2326");
    }

    @Test
    void escapedAndUnescapedQuotesInsideQuotedFields() {
        ParsedLine out = parse(combined, "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET /a\"b HTTP/1.1\" 200 1 "
                                         + "\"-\" \"Mozilla \\\"quoted\\\" agent\"");
        assertThat(out.error() == null, is(true));
        assertThat(out.string(Field.PATH), is("/a\"b"));
        assertThat(out.string(Field.USER_AGENT), is("Mozilla \\\"quoted\\\" agent"));
    }

    @Test
    void requestThatIsNotARequestLine() {
        assertParses(combined, "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"\\x16\\x03\\x01\\x00\\xA5\" 400 157 \"-\" \"-\"",
                     "client", "1.2.3.4", "ts", "2000-10-10T13:55:36Z", "request", "\\x16\\x03\\x01\\x00\\xA5",
                     "status", "400", "bytes", "157");
        assertParses(combined, "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"-\" 408 0 \"-\" \"-\"",
                     "client", "1.2.3.4", "ts", "2000-10-10T13:55:36Z", "status", "408", "bytes", "0");
        assertParses(common, "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET /\" 200 0",
                     "client", "1.2.3.4", "ts", "2000-10-10T13:55:36Z", "method", "GET", "path", "/",
                     "status", "200", "bytes", "0");
    }

    @Test
    void invalidUtf8IsReplacedNotRejected() {
        String text = "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET /caf# HTTP/1.1\" 200 5";
        byte[] line = FormatTesting.utf8(text);
        line[text.indexOf('#')] = (byte) 0xE9;
        ParsedLine out = parse(common, line);
        assertThat(out.string(Field.PATH), is("/caf\uFFFD"));
    }

    @Test
    void malformedLines() {
        String ts = "[10/Oct/2000:13:55:36 -0700]";
        assertMalformed(combined, "", Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\" 200", Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0 200 2326", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\" 200 2326 \"http://x", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\" 200 99999999999999999999",
                        Reasons.NUMBER_OUT_OF_RANGE);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\" 200 12a", Reasons.BAD_NUMBER);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\" 2000 1", Reasons.BAD_NUMBER);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\" 200 1 \"-\" \"-\" 99999999999999999999",
                        Reasons.NUMBER_OUT_OF_RANGE);
        assertMalformed(combined, "127.0.0.1 - - [29/Feb/2023:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1", Reasons.BAD_TIMESTAMP);
        assertMalformed(combined, "127.0.0.1 - - [10/Oct/2000:13:55:36] \"GET / HTTP/1.0\" 200 1", Reasons.BAD_TIMESTAMP);
        assertMalformed(combined, "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700 \"GET / HTTP/1.0\" 200 1", Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - 10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1", Reasons.BAD_SYNTAX);
        assertMalformed(combined, "127.0.0.1 - - " + ts + "\"GET / HTTP/1.0\" 200 1", Reasons.BAD_SYNTAX);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " GET / HTTP/1.0 200 1", Reasons.BAD_SYNTAX);
        assertMalformed(combined, "127.0.0.1  - - " + ts + " \"GET / HTTP/1.0\" 200 1", Reasons.BAD_SYNTAX);
        assertMalformed(combined, "127.0.0.1 - -", Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - [10/Oct", Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - " + ts, Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " ", Reasons.TRUNCATED);
        assertMalformed(combined, "127.0.0.1 - - " + ts + " \"GET / HTTP/1.0\"", Reasons.TRUNCATED);
    }
}
