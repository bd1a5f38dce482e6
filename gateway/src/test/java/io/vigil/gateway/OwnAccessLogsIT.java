package io.vigil.gateway;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.AccessLogLines;
import io.vigil.common.testing.TestConfig;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * Vigil reads its own access logs: real traffic through a real gateway (in front of a real logparse-service, one
 * JVM), then the gateway's access log analysed by logparse's command line, {@code logparse analyze FILE --json}, in a
 * JVM of its own as a user runs it; the counts it finds are the traffic that was sent, in both formats.
 */
class OwnAccessLogsIT {
    private static final String ONE_LINE = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"curl\"\n";

    @TempDir
    Path dir;

    private VigilService logparse;
    private VigilService gateway;

    @AfterEach
    void stop() {
        Gateways.stop(gateway, logparse);
    }

    @Test
    void logparseReadsTheGatewaysJsonAccessLog() throws Exception {
        assertReadsOwnTraffic("json");
    }

    @Test
    void logparseReadsTheGatewaysCombinedAccessLog() throws Exception {
        assertReadsOwnTraffic("combined");
    }

    private void assertReadsOwnTraffic(String format) throws Exception {
        Path log = dir.resolve("gateway.access.log");
        logparse = VigilService.start("logparse-service", TestConfig.of(), io.vigil.logparse.Main::routing);
        gateway = Gateways.start("access-log.format", format, "access-log.output", log.toString(),
                                 "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port());
        long bytesSent = traffic(Gateways.client(gateway));
        gateway.shutdown();

        JsonObject analysis = analyze(log);
        assertThat(analysis.toString(), analysis.getString("format"), is(format));
        assertThat(analysis.getBoolean("detected"), is(true));
        assertThat(analysis.getJsonObject("lines").getInt("parsed"), is(11));
        assertThat(analysis.getJsonObject("lines").getInt("malformed"), is(0));
        JsonObject http = analysis.getJsonObject("http");
        assertThat(http.getInt("requests"), is(11));
        assertThat(http.getJsonNumber("bytesSent").longValue(), is(bytesSent));
        assertThat(http.getJsonObject("statuses"), is(Json.createObjectBuilder().add("200", 9).add("404", 2).build()));
        assertThat(http.getJsonObject("methods"), is(Json.createObjectBuilder().add("GET", 8).add("POST", 3).build()));
        JsonObject top = http.getJsonArray("topPaths").getJsonObject(0);
        assertThat(top.getString("value"), is("/api/v1/logs/formats"));
        assertThat(top.getInt("count"), is(6));
        assertThat(http.getInt("uniqueClients"), is(1));
        JsonObject latency = http.getJsonObject("latencyMs");
        assertThat(latency.getInt("count"), is(11));
        assertThat(latency.getJsonNumber("max").doubleValue(), greaterThan(0.0));
        assertThat(analysis.getJsonObject("timeRange").getString("first").isEmpty(), is(false));
    }

    /** 6 GET formats, 3 POST analyze (200), 2 GET of unknown routes (404), 2 probes (not logged). */
    private static long traffic(WebClient client) {
        long received = 0;
        for (int i = 0; i < 6; i++) {
            received += call(client.get("/api/v1/logs/formats").request(), 200);
        }
        for (int i = 0; i < 3; i++) {
            received += call(client.post("/api/v1/logs/analyze").submit(ONE_LINE), 200);
        }
        for (int i = 0; i < 2; i++) {
            received += call(client.get("/api/v1/nothing/" + i).request(), 404);
            call(client.get("/observe/health/ready").request(), 200);
        }
        return received;
    }

    private static long call(HttpClientResponse response, int status) {
        try (response) {
            assertThat(response.status().code(), is(status));
            return response.as(byte[].class).length;
        }
    }

    /** {@code logparse analyze FILE --json}, the command line in a JVM of its own. */
    private static JsonObject analyze(Path log) throws IOException, InterruptedException {
        AccessLogLines.await(log, 11, line -> true);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process cli = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                                                 "io.vigil.logparse.cli.LogparseCli", "analyze", log.toString(), "--json"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS), is(true));
        assertThat(output, cli.exitValue(), is(0));
        try (JsonReader reader = Json.createReader(new StringReader(output))) {
            return reader.readObject();
        }
    }
}
