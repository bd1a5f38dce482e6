package io.vigil.logparse.format;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.fields;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CustomFormatsTest {
    /** The example of issue 16: nginx's combined with the request and upstream times. */
    static final String NGINX_TIMED = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
                                      + "\"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time";
    /** The Apache example of issue 16, escaped as in httpd.conf. */
    static final String APACHE_TIMED = "apache:%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\" %D";
    /** nginx's predefined {@code combined}, which the built-in {@code combined} format also reads. */
    static final String NGINX_COMBINED = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status "
                                         + "$body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    private static LineFormat compile(String definition) {
        return CustomFormat.inline(definition).compile(FormatTesting.UTC);
    }

    @Test
    void nginxExampleOfTheIssue() {
        assertParses(compile(NGINX_TIMED),
                     "203.0.113.9 - alice [24/Nov/2026:14:03:07 +0100] \"GET /api/items?id=7 HTTP/1.1\" 200 512 "
                     + "\"https://example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.125 0.120",
                     "client", "203.0.113.9", "user", "alice", "ts", "2026-11-24T13:03:07Z", "method", "GET",
                     "path", "/api/items", "query", "id=7", "protocol", "HTTP/1.1", "status", "200", "bytes", "512",
                     "referer", "https://example.com/", "userAgent", "Mozilla/5.0 (X11; Linux x86_64)",
                     "durationMicros", "125000", "upstreamResponseTime", "0.120");
    }

    @Test
    void apacheExampleOfTheIssue() {
        assertParses(compile(APACHE_TIMED),
                     "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 - "
                     + "\"-\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\" 4512",
                     "client", "127.0.0.1", "user", "frank", "ts", "2000-10-10T20:55:36Z", "method", "GET",
                     "path", "/apache_pb.gif", "protocol", "HTTP/1.0", "status", "200",
                     "userAgent", "Mozilla/4.08 [en] (Win98; I ;Nav)", "durationMicros", "4512");
    }

    @Test
    void nginxVariablesMapOntoFieldsAndUnknownOnesBecomeExtras() {
        LineFormat format = compile("nginx:$time_iso8601|$msec|$request_method|$request_uri|$server_protocol|${host}|$pid|"
                                    + "$http_x_forwarded_for|$ssl_protocol|$bytes_sent");
        assertParses(format, "2026-11-24T14:03:07+00:00|1795529987.512|POST|/a/b?x=1|HTTP/2.0|example.com|77|10.0.0.1|"
                             + "TLSv1.3|900",
                     "ts", "2026-11-24T14:03:07Z", "method", "POST", "path", "/a/b", "query", "x=1", "protocol", "HTTP/2.0",
                     "host", "example.com", "pid", "77", "forwardedFor", "10.0.0.1", "ssl_protocol", "TLSv1.3",
                     "bytes_sent", "900");
        assertParses(compile("nginx:$msec $uri $args $status"), "1795529987.512 /x - 404",
                     "ts", "2026-11-24T14:19:47.512Z", "path", "/x", "status", "404");
        assertParses(compile("nginx:$uri$is_args$args $status"), "/x?a=1 200", "path", "/x", "query", "a=1", "status", "200");
        assertParses(compile("nginx:$uri$is_args$args $status"), "/x 200", "path", "/x", "status", "200");
    }

    @Test
    void apacheDirectivesMapOntoFieldsAndOthersBecomeExtras() {
        LineFormat format = compile("apache:%a %{msec}t %m %U%q %H %v %P %B %{ms}T %{X-Request-Id}i %k %%");
        assertParses(format, "::1 1795529987512 GET /search?q=vigil HTTP/1.1 example.org 4242 0 17 req-1 3 %",
                     "client", "::1", "ts", "2026-11-24T14:19:47.512Z", "method", "GET", "path", "/search",
                     "query", "q=vigil", "protocol", "HTTP/1.1", "host", "example.org", "pid", "4242", "bytes", "0",
                     "durationMicros", "17000", "X-Request-Id", "req-1", "keepAliveRequests", "3");
        assertParses(compile("apache:%{sec}t %T %{us}T"), "1795529987 2 99",
                     "ts", "2026-11-24T14:19:47Z", "durationMicros", "2000000");
        assertParses(compile("apache:%{usec}t %{%Y-%m-%d}t"), "1795529987512345 2026-11-24",
                     "ts", "2026-11-24T14:19:47.512Z", "time", "2026-11-24");
    }

    @Test
    void theFirstDurationOfALineWins() {
        assertParses(compile("nginx:$request_time $upstream_response_time $request_time"), "- 0.5 1.5",
                     "durationMicros", "1500000", "upstreamResponseTime", "0.5");
    }

    @Test
    void quotedValuesEndAtTheQuoteFollowedByTheNextLiteral() {
        LineFormat format = compile(NGINX_COMBINED);
        assertParses(format, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /a\\\"b HTTP/1.1\" 200 5 \"x\" \"say \"hi\" now\"",
                     "client", "1.2.3.4", "ts", "2000-10-10T20:55:36Z", "method", "GET", "path", "/a\\\"b",
                     "protocol", "HTTP/1.1", "status", "200", "bytes", "5", "referer", "x", "userAgent", "say \"hi\" now");
        assertParses(compile("nginx:\"$http_user_agent\"|$status"), "\"a\" b\"|200", "userAgent", "a\" b", "status", "200");
    }

    @Test
    void refererAndUserAgentAreHashedWhileScannedAsInCombined() {
        String text = "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /p HTTP/1.1\" 200 5 "
                      + "\"http://example.com/start\" \"Mozilla/4.08\"";
        // Two lines in one block, as the engine reads them: the words read past the first line's end exist.
        byte[] line = FormatTesting.utf8(text + "\n" + text);
        ParsedLine out = new ParsedLine();
        assertThat(compile(NGINX_COMBINED).parse(line, 0, text.length(), out), is(true));
        for (Field field : new Field[] {Field.PATH, Field.REFERER, Field.USER_AGENT}) {
            int s = out.start(field);
            int e = out.end(field);
            int expected = KeyHash.of(Swar.partialWord(line, s, e), Swar.partialWord(line, s + 8, e), line, s, e);
            assertThat(field.name(), (int) out.knownHash(field), is(expected));
        }
    }

    @Test
    void theSameLinesParseAsWithTheBuiltInCombined() {
        String line = "10.1.2.3 - bob [29/Feb/2024:23:59:59 +0130] \"POST /search?q=x HTTP/2.0\" 404 - \"-\" \"curl/8.0\"";
        assertThat(fields(parse(compile(NGINX_COMBINED), line)), is(fields(parse(FormatTesting.format("combined"), line))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 2000 5 \"-\" \"-\"|" + Reasons.BAD_NUMBER,
        "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 x5 \"-\" \"-\"|" + Reasons.BAD_NUMBER,
        "1.2.3.4 - - [10/Oct/2000:13:55:99 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"|" + Reasons.BAD_TIMESTAMP,
        "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\" extra|" + Reasons.BAD_SYNTAX,
        "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1|" + Reasons.UNTERMINATED_QUOTE,
        "1.2.3.4|" + Reasons.TRUNCATED,
    })
    void malformedLinesSayWhy(String line, String reason) {
        assertMalformed(compile(NGINX_COMBINED), line, reason);
    }

    @Test
    void aLeadingLiteralMustMatch() {
        LineFormat format = compile("nginx:[$status]");
        assertParses(format, "[200]", "status", "200");
        assertMalformed(format, "(200]", Reasons.BAD_SYNTAX);
        assertMalformed(format, "[", Reasons.TRUNCATED);
        assertMalformed(compile("nginx:$status ms"), "200", Reasons.BAD_SYNTAX);
        assertMalformed(compile("nginx:$request_time $status"), "1.x 200", Reasons.BAD_NUMBER);
        assertMalformed(compile("apache:%{ms}T"), "99999999999999999", Reasons.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void theSampleIsALineOfTheFormat() {
        for (String definition : List.of(NGINX_TIMED, APACHE_TIMED, NGINX_COMBINED,
                                         "nginx:$time_iso8601 $request_uri $args $http_host $msec",
                                         "apache:%{msec}t %{usec}t %{sec}t %m %U %q %{ms}T %{us}T %P %{Host}i")) {
            LineFormat format = compile(definition);
            ParsedLine out = parse(format, format.sample());
            assertThat(format.sample(), out.error(), is(nullValue()));
        }
        assertThat(compile(NGINX_TIMED).name(), is(NGINX_TIMED));
        assertThat(compile(NGINX_TIMED).description(), containsString("custom nginx log_format: $remote_addr"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nginx:$remote_addr $ [$time_local]|14|expected a variable name",
        "nginx:${remote_addr [x]|1|${ without a closing }",
        "nginx:${} x|1|expected a variable name",
        "nginx:$status$body_bytes_sent|8|$status and $body_bytes_sent have no text between them",
        "nginx:just text|1|no variable in the format",
        "nginx:|1|no variable in the format",
        "apache:%h %Q|4|unknown directive %Q",
        "apache:%h %{Referer i|4|%{ without a closing }",
        "apache:%h %>|4|% at the end without a directive letter",
        "apache:%h %{x}T|4|%{x}T: expected %T",
        "apache:%h %{}i|4|%i needs a header name",
        "apache:%h \\|4|a backslash at the end escapes nothing",
        "apache:%h%u|3|%h and %u have no text between them",
        "apache:%D%T|3|%D and %T have no text between them",
        "nginx:$uri$args|5|$uri and $args have no text between them",
    })
    void badFormatStringsNameThePositionOfTheFault(String definition, int position, String message) {
        FormatSyntaxException e = assertThrows(FormatSyntaxException.class, () -> CustomFormat.inline(definition));
        assertThat(e.position(), is(position));
        assertThat(e.getMessage(), containsString("position " + position + ": " + message));
    }

    @Test
    void aLineBreakOrAnotherControlCharacterIsAFault() {
        assertThat(assertThrows(FormatSyntaxException.class, () -> CustomFormat.inline("nginx:$status\n$msec")).getMessage(),
                   containsString("position 8: control character U+000A"));
        assertThat(assertThrows(FormatSyntaxException.class, () -> CustomFormat.inline("apache:%s \\n %D")).position(), is(4));
        assertThat(assertThrows(FormatSyntaxException.class, () -> CustomFormat.inline("nginx:$status\u0000")).position(), is(8));
        assertParses(compile("apache:%s\\t%D"), "200\t17", "status", "200", "durationMicros", "17");
    }

    @Test
    void namesAndPrefixesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> CustomFormat.named("combined", NGINX_COMBINED));
        assertThrows(IllegalArgumentException.class, () -> CustomFormat.named("auto", NGINX_COMBINED));
        assertThrows(IllegalArgumentException.class, () -> CustomFormat.named("My Format", NGINX_COMBINED));
        assertThrows(IllegalArgumentException.class, () -> CustomFormat.named("mine", "lighttpd:%h"));
        assertThat(CustomFormat.named("edge-proxy", NGINX_TIMED).name(), is("edge-proxy"));
        assertThat(CustomFormat.isDefinition("apache:%h"), is(true));
        assertThat(CustomFormat.isDefinition("combined"), is(false));
    }

    @Test
    void aDeclaredFormatIsSelectableByNameAndTakesPartInDetection() {
        List<CustomFormat> custom = List.of(CustomFormat.named("edge", "nginx:$msec $status $request_time \"$request\""));
        assertThat(Formats.byName("edge", FormatTesting.UTC, custom).orElseThrow().name(), is("edge"));
        assertThat(Formats.byName("combined", FormatTesting.UTC, custom).orElseThrow().name(), is("combined"));
        assertThat(Formats.byName("nginx:$status", FormatTesting.UTC, custom).orElseThrow().name(), is("nginx:$status"));
        assertThat(Formats.byName("nope", FormatTesting.UTC, custom).isPresent(), is(false));

        byte[] log = FormatTesting.utf8("1732457187.123 200 0.004 \"GET / HTTP/1.1\"\n"
                                        + "1732457188.5 404 0.010 \"GET /x HTTP/1.1\"\n");
        FormatDetector.Detection detection = FormatDetector.create(FormatTesting.UTC, custom).detect(log, 0, log.length);
        assertThat(detection.format().name(), is("edge"));
        assertThat(detection.detected(), is(true));
        assertThat(FormatDetector.create(FormatTesting.UTC).detect(log, 0, log.length).format().name(), is("text"));
    }

    @Test
    void aDeclaredFormatThatReadsCombinedLinesWinsOverTheBuiltIn() {
        List<CustomFormat> custom = List.of(CustomFormat.named("mine", NGINX_COMBINED));
        byte[] log = FormatTesting.utf8("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"\n");
        assertThat(FormatDetector.create(FormatTesting.UTC, custom).detect(log, 0, log.length).format().name(), is("mine"));
    }
}
