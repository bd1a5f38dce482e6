package io.vigil.logparse.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The filter options of {@code logparse analyze} ({@code --from}, {@code --status}, ...): the API's query parameters.
 */
class CliFiltersTest {
    private static final String LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /about HTTP/1.1" 500 0 "-" "Firefox"
            10.0.0.2 - - [14/Mar/2026:10:00:02 +0000] "POST /about HTTP/1.1" 404 0 "-" "Firefox"
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void filterOptionsNarrowTheJsonReport() {
        int status = run(List.of("analyze", "-", "--json", "--status", "5xx", "--status", "404", "--method", "get",
                                 "--from", "2026-03-14T11:00:00", "--tz", "+01:00"));

        assertThat(err(), status, is(0));
        JsonObject json = Problems.parse(out());
        assertThat(json.getJsonObject("filters").toString(), is(
                "{\"applied\":{\"from\":\"2026-03-14T10:00:00Z\",\"status\":[\"5xx\",\"404\"],\"method\":[\"GET\"]},"
                + "\"excluded\":{\"time\":0,\"status\":1,\"method\":1},\"matched\":1}"));
        assertThat(json.getJsonObject("http").getJsonObject("statuses").toString(), is("{\"500\":1}"));
    }

    @Test
    void theTableShowsTheFilters() {
        assertThat(run(List.of("analyze", "-", "--client", "10.0.0.1")), is(0));

        assertThat(out(), containsString("Filters      {client=[10.0.0.1]}: 1 records matched; excluded: client 2"));
        assertThat(out(), containsString("Status       2xx 1, 3xx 0, 4xx 0, 5xx 0"));
    }

    @Test
    void aBadFilterExitsTwoNamingTheOption() {
        assertThat(run(List.of("analyze", "-", "--status", "7xx")), is(2));

        assertThat(err(), startsWith("logparse: --status: 7xx (expected: a code 100..599 or a class 1xx..5xx)"));
        assertThat(err(), containsString("--pathRegex RE"));
        assertThat(run(List.of("analyze", "-", "--to")), is(2));
        assertThat(err(), containsString("--to needs a value"));
    }

    private int run(List<String> args) {
        return LogparseCli.run(args, new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)),
                               new PrintStream(out, true, StandardCharsets.UTF_8),
                               new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
