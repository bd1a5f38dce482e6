package io.vigil.logparse;

import java.util.List;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * Custom formats on a real logparse-service over sockets: inline in {@code format=}, declared in configuration, and
 * wrong.
 */
class CustomFormatsApiIT {
    /** The example of issue 16. */
    private static final String NGINX_TIMED = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status "
                                              + "$body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time "
                                              + "$upstream_response_time";
    private static final String LOG = """
            10.0.0.1 - - [24/Nov/2026:14:03:07 +0000] "GET /api/items HTTP/1.1" 200 512 "-" "curl/8.5.0" 0.010 0.008
            10.0.0.2 - bob [24/Nov/2026:14:03:08 +0000] "POST /api/items HTTP/1.1" 201 0 "-" "Firefox" 0.030 0.025
            10.0.0.1 - - [24/Nov/2026:14:03:09 +0000] "GET /api/items/7 HTTP/1.1" 502 157 "-" "curl/8.5.0" 2.000 -
            10.0.0.3 - - [24/Nov/2026:14:03:09 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8.5.0"
            """;
    private static final String EDGE_LOG = """
            1795529987.512|api.example.com|GET /health|200|0.001
            1795529988.020|api.example.com|GET /orders|500|0.250
            """;

    private static VigilService service;
    private static WebClient client;

    @BeforeAll
    static void start() {
        service = VigilService.start("logparse-service",
                                     TestConfig.of("logparse.formats.edge", "nginx:$msec|$host|$request|$status|$request_time"),
                                     Main::routing);
        client = WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).build();
    }

    @AfterAll
    static void stop() {
        service.shutdown();
    }

    @Test
    void anInlineNginxFormatIsAnalysedWithItsDurationsAsLatency() {
        try (HttpClientResponse response = client.post("/v1/analyze").queryParam("format", NGINX_TIMED).submit(LOG)) {
            assertThat(response.status().code(), is(200));
            JsonObject summary = Problems.parse(response.as(String.class));
            assertThat(summary.getString("format"), is(NGINX_TIMED));
            assertThat(summary.getJsonObject("lines").getInt("parsed"), is(3));
            assertThat(summary.getJsonObject("lines").getInt("malformed"), is(1));
            assertThat(summary.getJsonArray("malformedSamples").getJsonObject(0).getString("reason"), is("truncated line"));
            JsonObject http = summary.getJsonObject("http");
            assertThat(http.getJsonObject("statuses").getInt("502"), is(1));
            assertThat(http.getJsonObject("methods").getInt("POST"), is(1));
            assertThat(http.getInt("bytesSent"), is(669));
            JsonObject latency = http.getJsonObject("latencyMs");
            assertThat(latency.getInt("count"), is(3));
            assertThat(latency.getJsonNumber("max").doubleValue(), is(2000.0));
            assertThat(summary.getJsonObject("timeRange").getString("first"), is("2026-11-24T14:03:07Z"));
        }
    }

    @Test
    void anInlineApacheFormatParsesIntoRecordsWithExtras() {
        String format = "apache:%h %l %u %t \\\"%r\\\" %>s %b %D %{X-Request-Id}i";
        String log = "::1 - - [10/Oct/2026:13:55:36 -0700] \"GET /a?b=1 HTTP/1.0\" 304 - 4512 req-42\n";
        try (HttpClientResponse response = client.post("/v1/parse").queryParam("format", format).submit(log)) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().first(io.helidon.http.HeaderNames.create("X-Log-Format")).orElseThrow(), is(format));
            JsonObject record = Problems.parse(response.as(String.class).strip());
            assertThat(record.getString("client"), is("::1"));
            assertThat(record.getString("path"), is("/a"));
            assertThat(record.getString("query"), is("b=1"));
            assertThat(record.getInt("status"), is(304));
            assertThat(record.getJsonNumber("durationMs").doubleValue(), is(4.512));
            assertThat(record.getString("X-Request-Id"), is("req-42"));
            assertThat(record.getString("ts"), is("2026-10-10T20:55:36Z"));
        }
    }

    @Test
    void aBadFormatStringIsAProblemNamingThePosition() {
        try (HttpClientResponse response = client.post("/v1/analyze")
                .queryParam("format", "nginx:$remote_addr [$time_local] \"$request\" $status$body_bytes_sent").submit(LOG)) {
            JsonObject problem = Problems.assertProblem(response, 400);
            assertThat(problem.getString("parameter"), is("format"));
            assertThat(problem.getString("position"), is("46"));
            assertThat(problem.getString("detail"), containsString("nginx log_format, position 46: $status and "
                                                                   + "$body_bytes_sent have no text between them"));
        }
        try (HttpClientResponse response = client.post("/v1/parse").queryParam("format", "apache:%h %Z").submit(LOG)) {
            assertThat(Problems.assertProblem(response, 400).getString("detail"),
                       containsString("apache LogFormat, position 4: unknown directive %Z"));
        }
    }

    @Test
    void aDeclaredFormatIsListedSelectableAndDetected() {
        try (HttpClientResponse response = client.get("/v1/formats").request()) {
            List<String> names = Problems.parse(response.as(String.class)).getJsonArray("formats")
                    .getValuesAs(JsonObject.class).stream().map(format -> format.getString("name")).toList();
            assertThat(names.getFirst(), is("edge"));
            assertThat(names, hasItem("combined"));
        }
        for (String format : new String[] {"edge", "auto"}) {
            try (HttpClientResponse response = client.post("/v1/analyze").queryParam("format", format).submit(EDGE_LOG)) {
                JsonObject summary = Problems.parse(response.as(String.class));
                assertThat(summary.getString("format"), is("edge"));
                assertThat(summary.getBoolean("detected"), is(format.equals("auto")));
                assertThat(summary.getJsonObject("http").getJsonObject("statuses").getInt("500"), is(1));
                assertThat(summary.getJsonObject("http").getJsonObject("latencyMs").getJsonNumber("max").doubleValue(),
                           is(250.0));
            }
        }
        try (HttpClientResponse response = client.post("/v1/analyze").queryParam("format", "edgy").submit(EDGE_LOG)) {
            assertThat(Problems.assertProblem(response, 400).getString("detail"), containsString("edge, common, combined"));
        }
    }
}
