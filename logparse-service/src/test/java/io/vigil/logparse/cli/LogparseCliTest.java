package io.vigil.logparse.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.vigil.common.testing.Problems;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

class LogparseCliTest {
    private static final String LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /about HTTP/1.1" 500 0 "-" "Firefox"
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsATableForAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("access.log"), LOG);

        int status = run(List.of("analyze", file.toString()), "");

        assertThat(status, is(0));
        assertThat(out(), containsString("Format       combined (detected)"));
        assertThat(out(), containsString("Lines        2 total, 2 parsed, 0 malformed, 0 empty"));
        assertThat(out(), containsString("Status       2xx 1, 3xx 0, 4xx 0, 5xx 1"));
        assertThat(out(), containsString("/index.html"));
    }

    @Test
    void printsTheApiJsonForStandardInput() {
        int status = run(List.of("analyze", "-", "--json", "--top", "1", "--format", "combined"), LOG);

        assertThat(status, is(0));
        var json = Problems.parse(out());
        assertThat(json.getString("format"), is("combined"));
        assertThat(json.getBoolean("detected"), is(false));
        assertThat(json.getJsonObject("http").getJsonArray("topPaths").size(), is(1));
    }

    @Test
    void wrongArgumentsExitTwoWithUsage() {
        assertThat(run(List.of("analyze"), ""), is(2));
        assertThat(err(), startsWith("logparse: expected a FILE, or - for standard input"));
        assertThat(err(), containsString("Usage: logparse analyze"));
        assertThat(run(List.of("analyze", "-", "--top", "5000"), ""), is(2));
        assertThat(run(List.of("analyze", "-", "--format", "xml"), ""), is(2));
        assertThat(run(List.of("summarise", "-"), ""), is(2));
    }

    @Test
    void aCustomFormatIsGivenWithLogFormat() {
        String log = "1795529987.512 GET /health 200 0.004\n1795529988.020 GET /orders 503 1.250\n";
        String format = "nginx:$msec $request_method $uri $status $request_time";
        int status = run(List.of("analyze", "-", "--json", "--log-format", format), log);

        assertThat(err(), status, is(0));
        var json = Problems.parse(out());
        assertThat(json.getString("format"), is(format));
        assertThat(json.getJsonObject("http").getJsonObject("statuses").getInt("503"), is(1));
        assertThat(json.getJsonObject("http").getJsonObject("latencyMs").getJsonNumber("max").doubleValue(), is(1250.0));
        assertThat(json.getJsonObject("timeRange").getString("first"), is("2026-11-24T14:19:47.512Z"));
    }

    @Test
    void aBadCustomFormatExitsTwoNamingThePosition() {
        assertThat(run(List.of("analyze", "-", "--log-format", "apache:%h %{Referer i"), ""), is(2));
        assertThat(err(), startsWith("logparse: --log-format: apache LogFormat, position 4: %{ without a closing }"));
        assertThat(run(List.of("analyze", "-", "--log-format", "%h %u"), ""), is(2));
        assertThat(err(), containsString("--log-format %h %u (expected: nginx:<log_format> or apache:<LogFormat>)"));
        assertThat(run(List.of("analyze", "-", "--format", "nginx:$status$status"), ""), is(2));
    }

    @Test
    void aMissingFileExitsOne(@TempDir Path dir) {
        assertThat(run(List.of("analyze", dir.resolve("none.log").toString()), ""), is(1));
        assertThat(err(), startsWith("logparse: no such file: "));
    }

    @Test
    void theProgressLineShowsShareAndRate() {
        assertThat(ProgressInputStream.line(50, 200, 1_000_000_000L), is("\r[#######.......................]  25% 0 MB/s"));
    }

    private int run(List<String> args, String stdin) {
        return LogparseCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
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
