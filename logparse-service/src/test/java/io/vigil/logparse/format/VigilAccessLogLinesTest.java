package io.vigil.logparse.format;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.fields;
import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Vigil's own access log lines (the README's samples, written by the gateway) read by the {@code json} and
 * {@code combined} formats: the request's client, method, path, status, size and duration land in the fields that
 * logparse's analysis counts.
 */
class VigilAccessLogLinesTest {
    private static final String JSON = "{\"@timestamp\":\"2026-12-04T17:15:23.008Z\",\"service.name\":\"gateway\","
            + "\"event.dataset\":\"gateway.access\",\"http.request.id\":\"7d0c2f64-readme\","
            + "\"trace.id\":\"f816448ef88718bf52eb9c5e8fcb46f8\",\"span.id\":\"865bf708f1fda54e\","
            + "\"client.address\":\"127.0.0.1\",\"vigil.key_id\":\"ci-client\",\"http.request.method\":\"GET\","
            + "\"url.path\":\"/api/v1/logs/formats\",\"http.version\":\"1.1\",\"http.response.status_code\":200,"
            + "\"http.request.body.bytes\":0,\"http.response.body.bytes\":2943,\"event.duration\":635332637,"
            + "\"vigil.duration_ms\":635.332,\"user_agent.original\":\"curl/8.5.0\",\"vigil.route\":\"/api/v1/logs\","
            + "\"vigil.upstream\":\"logparse\",\"vigil.endpoint\":\"127.0.0.1:48002\",\"vigil.attempts\":1,"
            + "\"vigil.circuit\":\"closed\"}";
    private static final String COMBINED = "127.0.0.1 - ci-client [04/Dec/2026:17:15:45 +0000] \"GET /api/v1/logs/formats "
            + "HTTP/1.1\" 200 2943 \"-\" \"curl/8.5.0\" 0.117029 7d0c2f64-readme c47c276610fbcd743e7671da02d17143";

    @Test
    void theJsonLineIsReadWithEcsNames() {
        ParsedLine line = parse(format("json"), JSON);
        assertThat(line.error(), is(nullValue()));
        Map<String, String> fields = fields(line);
        assertThat(fields.toString(), fields, allOf(
                hasEntry("ts", "2026-12-04T17:15:23.008Z"), hasEntry("client", "127.0.0.1"), hasEntry("method", "GET"),
                hasEntry("path", "/api/v1/logs/formats"), hasEntry("status", "200"), hasEntry("bytes", "2943"),
                hasEntry("durationMicros", "635332"), hasEntry("userAgent", "curl/8.5.0"), hasEntry("app", "gateway")));
        assertThat("the ECS duration in nanoseconds wins over the milliseconds that follow it",
                   line.durationMicros(), is(635_332L));
    }

    @Test
    void theCombinedLineIsReadWithItsRequestTime() {
        ParsedLine line = parse(format("combined"), COMBINED);
        assertThat(line.error(), is(nullValue()));
        assertThat(fields(line).toString(), fields(line), allOf(
                hasEntry("ts", "2026-12-04T17:15:45Z"), hasEntry("client", "127.0.0.1"), hasEntry("method", "GET"),
                hasEntry("path", "/api/v1/logs/formats"), hasEntry("status", "200"), hasEntry("bytes", "2943"),
                hasEntry("durationMicros", "117029"), hasEntry("userAgent", "curl/8.5.0")));
    }
}
