package io.vigil.logparse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.webclient.api.HttpClientRequest;
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
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The filters of {@code POST /v1/analyze} and {@code /v1/parse} on a real logparse-service over sockets: repeated
 * query parameters, the report's {@code filters} section, and a 400 problem naming each bad parameter.
 */
class FiltersApiIT {
    private static final String LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /api/users?id=7 HTTP/1.1" 404 0 "-" "Firefox"
            broken line
            10.0.0.1 - - [14/Mar/2026:10:00:02 +0000] "POST /api/upload HTTP/1.1" 503 42 "-" "curl/8.5.0"
            10.0.0.3 - - [14/Mar/2026:10:05:00 +0000] "GET /api/users HTTP/1.1" 502 0 "-" "Firefox"
            """;

    private static VigilService service;
    private static WebClient client;

    @BeforeAll
    static void start() {
        service = VigilService.start("logparse-service", TestConfig.of(), Main::routing);
        client = WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).build();
    }

    @AfterAll
    static void stop() {
        service.shutdown();
    }

    @Test
    void analyzeCountsOnlyTheRecordsThatPassAndSaysWhatEachFilterExcluded() {
        HttpClientRequest request = client.post("/v1/analyze")
                .queryParam("status", "404", "5xx")
                .queryParam("path", "/api/")
                .queryParam("from", "2026-03-14T11:00:01+01:00")
                .queryParam("to", "2026-03-14T10:05:00Z");
        try (HttpClientResponse response = request.submit(LOG)) {
            assertThat(response.status().code(), is(200));
            JsonObject summary = Problems.parse(response.as(String.class));
            assertThat(summary.getJsonObject("filters").toString(), is(
                    "{\"applied\":{\"from\":\"2026-03-14T10:00:01Z\",\"to\":\"2026-03-14T10:05:00Z\","
                    + "\"status\":[\"404\",\"5xx\"],\"path\":\"/api/\"},"
                    + "\"excluded\":{\"time\":2,\"status\":0,\"path\":0},\"matched\":2}"));
            assertThat(summary.getJsonObject("lines").getInt("total"), is(5));
            assertThat(summary.getJsonObject("lines").getInt("malformed"), is(1));
            assertThat(summary.getJsonObject("http").getInt("requests"), is(2));
            assertThat(summary.getJsonObject("http").getJsonObject("statuses").toString(), is("{\"404\":1,\"503\":1}"));
        }
    }

    @Test
    void parseWritesOnlyTheRecordsThatPass() {
        try (HttpClientResponse response = client.post("/v1/parse").queryParam("client", "10.0.0.3")
                .queryParam("malformed", "skip").submit(LOG)) {
            assertThat(response.status().code(), is(200));
            List<String> records = response.as(String.class).lines().toList();
            assertThat(records.size(), is(1));
            assertThat(Problems.parse(records.getFirst()).getInt("status"), is(502));
        }
    }

    @Test
    void badFilterValuesAreProblemsNamingTheParameter() {
        String[][] cases = {
            {"status", "7xx", "status: 7xx (expected: a code 100..599 or a class 1xx..5xx)"},
            {"status", "abc", "status: abc (expected: a code 100..599 or a class 1xx..5xx)"},
            {"from", "yesterday", "from: yesterday (expected: an ISO-8601 instant"},
            {"pathRegex", "([a-z", "pathRegex: ([a-z (expected: a Java regular expression; "},
            {"level", "verbose", "level: verbose (expected: TRACE, DEBUG, INFO, WARN, ERROR or FATAL)"},
            {"text", "", "text:  (expected: a non-empty value)"},
        };
        for (String[] bad : cases) {
            try (HttpClientResponse response = client.post("/v1/analyze").queryParam(bad[0], bad[1]).submit(LOG)) {
                JsonObject problem = Problems.assertProblem(response, 400);
                assertThat(problem.getString("detail"), startsWith(bad[2]));
                assertThat(problem.getString("parameter"), is(bad[0]));
            }
        }
        try (HttpClientResponse response = client.post("/v1/analyze").queryParam("from", "2026-03-14T10:00:00Z")
                .queryParam("to", "2026-03-14T09:00:00Z").submit(LOG.getBytes(StandardCharsets.UTF_8))) {
            JsonObject problem = Problems.assertProblem(response, 400);
            assertThat(problem.getString("parameter"), is("to"));
            assertThat(problem.getString("detail"), is("to: 2026-03-14T09:00:00Z (expected: an instant after from (to is"
                                                       + " exclusive))"));
        }
        try (HttpClientResponse response = client.post("/v1/parse").queryParam("method", "GET", "")
                .submit(LOG)) {
            assertThat(Problems.assertProblem(response, 400).getString("parameter"), is("method"));
        }
    }
}
