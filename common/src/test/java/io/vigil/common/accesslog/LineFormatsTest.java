package io.vigil.common.accesslog;

import io.vigil.common.testing.AccessLogLines;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two line formats, field by field, with hostile values escaped so that a line stays one parseable line. */
class LineFormatsTest {
    private static final long START = 1_773_482_400_007L; // 2026-03-14T10:00:00.007Z

    @Test
    void jsonHasEcsNamesNumbersAsNumbersAndTheServicesOwnFields() {
        JsonObject line = json(new AccessRecord("gateway", START, 12_345_678, "req-1", "4bf92f3577b34da6a3ce929d0e0e4736",
                                                "00f067aa0ba902b7", "10.0.0.7", "ci", "POST", "/api/v1/logs/parse",
                                                "format=combined", "HTTP/1.1", 200, 1234, 5678, "curl/8.5.0",
                                                "http://a.example/", false,
                                                new Object[] {"vigil.upstream", "logparse", "vigil.attempts", 2L}));
        assertThat(line.getString("@timestamp"), is("2026-03-14T10:00:00.007Z"));
        assertThat(line.getString("service.name"), is("gateway"));
        assertThat(line.getString("event.dataset"), is("gateway.access"));
        assertThat(line.getString("http.request.id"), is("req-1"));
        assertThat(line.getString("trace.id"), is("4bf92f3577b34da6a3ce929d0e0e4736"));
        assertThat(line.getString("span.id"), is("00f067aa0ba902b7"));
        assertThat(line.getString("client.address"), is("10.0.0.7"));
        assertThat(line.getString("vigil.key_id"), is("ci"));
        assertThat(line.getString("http.request.method"), is("POST"));
        assertThat(line.getString("url.path"), is("/api/v1/logs/parse"));
        assertThat(line.getString("url.query"), is("format=combined"));
        assertThat(line.getString("http.version"), is("1.1"));
        assertThat(line.getInt("http.response.status_code"), is(200));
        assertThat(line.getJsonNumber("http.request.body.bytes").longValue(), is(1234L));
        assertThat(line.getJsonNumber("http.response.body.bytes").longValue(), is(5678L));
        assertThat(line.getJsonNumber("event.duration").longValue(), is(12_345_678L));
        assertThat(line.getJsonNumber("vigil.duration_ms").toString(), is("12.345"));
        assertThat(line.getString("user_agent.original"), is("curl/8.5.0"));
        assertThat(line.getString("http.request.referrer"), is("http://a.example/"));
        assertThat(line.getString("vigil.upstream"), is("logparse"));
        assertThat(line.getInt("vigil.attempts"), is(2));
    }

    @Test
    void jsonLeavesOutWhatIsAbsentAndEscapesWhatCouldBreakTheLine() {
        String text = line(AccessLogFormat.JSON, new AccessRecord("svc", START, 999, "r", null, null, "::1", null, "GET",
                                                                  "/a\"b\\c", null, "HTTP/1.0", 404, 0, 0,
                                                                  "evil\n{\"x\":1}\u0001\u00e9", null, true, new Object[0]));
        assertThat(text.contains("\n"), is(false));
        JsonObject line = AccessLogLines.json(text);
        assertThat(line.containsKey("trace.id") || line.containsKey("vigil.key_id") || line.containsKey("url.query")
                   || line.containsKey("http.request.referrer"), is(false));
        assertThat(line.getString("url.path"), is("/a\"b\\c"));
        assertThat(line.getString("user_agent.original"), is("evil\n{\"x\":1}\u0001\u00e9"));
        assertThat(line.getJsonNumber("vigil.duration_ms").toString(), is("0.000"));
        assertThat(line.getBoolean("vigil.aborted"), is(true));
    }

    @Test
    void combinedIsNginxCombinedThenRequestTimeRequestIdAndTraceId() {
        String text = line(AccessLogFormat.COMBINED, new AccessRecord("gateway", START, 2_351_000_123L, "req-1",
                                                                      "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                                                                      "10.0.0.7", "ci", "GET", "/api/v1/logs/formats",
                                                                      "a=1", "HTTP/1.1", 200, 0, 812, "curl/8.5.0", null,
                                                                      false, new Object[] {"vigil.upstream", "logparse"}));
        assertThat(text, is("10.0.0.7 - ci [14/Mar/2026:10:00:00 +0000] \"GET /api/v1/logs/formats?a=1 HTTP/1.1\" 200 812"
                            + " \"-\" \"curl/8.5.0\" 2.351000 req-1 4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void combinedEscapesQuotesAndControlsAsNginxDoes() {
        String text = line(AccessLogFormat.COMBINED, new AccessRecord("svc", START, 5_000, "r", null, null, "10.0.0.7",
                                                                      "key with space", "GET", "/x", null, "HTTP/1.1", 200,
                                                                      0, 0, "a\"b\\c\nd", "http://r/\"", false,
                                                                      new Object[0]));
        assertThat(text, is("10.0.0.7 - key_with_space [14/Mar/2026:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 0"
                            + " \"http://r/\\x22\" \"a\\x22b\\x5Cc\\x0Ad\" 0.000005 r -"));
    }

    @Test
    void offHasNoLineFormat() {
        assertThrows(IllegalArgumentException.class, () -> LineFormat.of(AccessLogFormat.OFF));
    }

    private static JsonObject json(AccessRecord record) {
        return AccessLogLines.json(line(AccessLogFormat.JSON, record));
    }

    private static String line(AccessLogFormat format, AccessRecord record) {
        StringBuilder line = new StringBuilder();
        LineFormat.of(format).append(record, line);
        return line.toString();
    }
}
