package io.vigil.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.http.RequestId;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.AccessLogLines;
import io.vigil.common.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The access logs of a real gateway in front of a real logparse-service (one JVM, loopback sockets): a request is
 * one line in each service's log with the same request id and trace id, the gateway's line names its route,
 * upstream, endpoint, attempts and circuit, a streamed NDJSON answer and large bodies (16 MiB each way, with and
 * without a length, from a stand-in upstream) are logged when they end with the bytes that really went each way,
 * probes are left out, and the API key's id is there while the key never is.
 */
class AccessLogIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String KEY_ID = "ci-client";
    private static final int LARGE = 16 << 20;

    @TempDir
    Path dir;

    private VigilService logparse;
    private VigilService gateway;

    @AfterEach
    void stop() {
        Gateways.stop(gateway, logparse);
    }

    @Test
    void aRequestThroughTheGatewayIsOneLineInEachServicesLogWithTheSameIds() {
        startTraced();
        String traceId;
        String body;
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").header(RequestId.HEADER, "through-1")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + Gateways.KEY).request()) {
            assertThat(response.status().code(), is(200));
            traceId = response.headers().first(HeaderNames.create("X-Trace-Id")).orElseThrow();
            body = response.as(String.class);
        }
        JsonObject atGateway = AccessLogLines.awaitJson(gatewayLog(), "through-1", 1).getFirst();
        JsonObject atLogparse = AccessLogLines.awaitJson(logparseLog(), "through-1", 1).getFirst();

        assertThat(atGateway.getString("service.name"), is("gateway"));
        assertThat(atGateway.getString("url.path"), is("/api/v1/logs/formats"));
        assertThat(atGateway.getInt("http.response.status_code"), is(200));
        assertThat(atGateway.getJsonNumber("http.response.body.bytes").longValue(),
                   is((long) body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(atGateway.getString("vigil.key_id"), is(KEY_ID));
        assertThat(atGateway.getString("vigil.route"), is("/api/v1/logs"));
        assertThat(atGateway.getString("vigil.upstream"), is("logparse"));
        assertThat(atGateway.getString("vigil.endpoint"), is("127.0.0.1:" + logparse.port()));
        assertThat(atGateway.getInt("vigil.attempts"), is(1));
        assertThat(atGateway.getString("vigil.circuit"), is("closed"));
        assertThat(atGateway.getString("trace.id"), is(traceId));

        assertThat(atLogparse.getString("service.name"), is("logparse-service"));
        assertThat(atLogparse.getString("url.path"), is("/v1/formats"));
        assertThat(atLogparse.getJsonNumber("http.response.body.bytes").longValue(),
                   is(atGateway.getJsonNumber("http.response.body.bytes").longValue()));
        assertThat(atLogparse.getString("trace.id"), is(traceId));
        assertThat("the upstream's server span is another span of the same trace", atLogparse.getString("span.id"),
                   not(atGateway.getString("span.id")));

        Gateways.stop(gateway, logparse);
        assertThat(lines(gatewayLog(), "through-1"), hasSize(1));
        assertThat(lines(logparseLog(), "through-1"), hasSize(1));
        for (Path log : List.of(gatewayLog(), logparseLog())) {
            assertThat(String.join("\n", AccessLogLines.read(log)), not(containsString(Gateways.KEY)));
        }
    }

    @Test
    void aStreamedParseIsLoggedWithTheBytesThatWentEachWay() {
        start(false);
        assertTimeoutPreemptively(BOUND, () -> {
            long sent = 0;
            long received;
            try (RawHttp http = new RawHttp(gateway.port())) {
                http.send("POST /api/v1/logs/parse?format=combined HTTP/1.1\r\nHost: x\r\nX-Request-Id: parse-1\r\n"
                          + "X-API-Key: " + Gateways.KEY + "\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int i = 0; i < 200; i++) {
                    byte[] line = ("10.0.0." + (i % 7) + " - - [14/Mar/2026:10:00:" + String.format("%02d", i % 60)
                                   + " +0000] \"GET /p/" + i + " HTTP/1.1\" 200 " + i + " \"-\" \"curl/8\"\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    http.chunk(line, line.length);
                    sent += line.length;
                }
                http.chunk(new byte[0], 0);
                RawHttp.Head head = http.head();
                assertThat(head.status(), is(200));
                assertThat(head.chunked(), is(true));
                received = count(http.body(head));
            }
            JsonObject atGateway = AccessLogLines.awaitJson(gatewayLog(), "parse-1", 1).getFirst();
            JsonObject atLogparse = AccessLogLines.awaitJson(logparseLog(), "parse-1", 1).getFirst();
            assertThat(atGateway.getJsonNumber("http.request.body.bytes").longValue(), is(sent));
            assertThat(atGateway.getJsonNumber("http.response.body.bytes").longValue(), is(received));
            assertThat(atLogparse.getJsonNumber("http.request.body.bytes").longValue(), is(sent));
            assertThat(atLogparse.getJsonNumber("http.response.body.bytes").longValue(), is(received));
            assertThat(atGateway.containsKey("url.query"), is(false));
        });
    }

    @Test
    void largeBodiesAreLoggedWhenTheyEndWithTheBytesThatWentThrough() {
        logparse = Backend.start();
        gateway = Gateways.start("access-log.output", gatewayLog().toString(),
                                 "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port());
        assertTimeoutPreemptively(BOUND, () -> {
            for (String length : new String[] {"true", "false"}) {
                try (RawHttp http = new RawHttp(gateway.port())) {
                    http.send("GET /api/v1/logs/formats?size=" + LARGE + "&length=" + length + " HTTP/1.1\r\nHost: x\r\n"
                              + "X-Request-Id: download-" + length + "\r\n\r\n");
                    RawHttp.Head head = http.head();
                    assertThat(head.status(), is(200));
                    assertThat(count(http.body(head)), is((long) LARGE));
                }
                JsonObject line = AccessLogLines.awaitJson(gatewayLog(), "download-" + length, 1).getFirst();
                assertThat(length, line.getJsonNumber("http.response.body.bytes").longValue(), is((long) LARGE));
                assertThat(line.getBoolean("vigil.aborted", false), is(false));
            }
            try (RawHttp http = new RawHttp(gateway.port()); InputStream body = Patterns.bytes(LARGE)) {
                http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nX-Request-Id: upload-1\r\n"
                          + "Transfer-Encoding: chunked\r\n\r\n");
                byte[] buffer = new byte[50_000];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    http.chunk(buffer, n);
                }
                http.chunk(buffer, 0);
                RawHttp.Head head = http.head();
                assertThat(head.status(), is(200));
                long answer = count(http.body(head));
                JsonObject line = AccessLogLines.awaitJson(gatewayLog(), "upload-1", 1).getFirst();
                assertThat(line.getJsonNumber("http.request.body.bytes").longValue(), is((long) LARGE));
                assertThat(line.getJsonNumber("http.response.body.bytes").longValue(), is(answer));
            }
        });
    }

    @Test
    void probesAreLeftOutOfBothLogs() {
        start(false);
        for (int i = 0; i < 3; i++) {
            try (HttpClientResponse ready = client().get("/observe/health/ready").request()) {
                assertThat(ready.status().code(), is(200));
            }
        }
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").header(RequestId.HEADER, "after-probes")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + Gateways.KEY).request()) {
            assertThat(response.status().code(), is(200));
        }
        AccessLogLines.awaitJson(gatewayLog(), "after-probes", 1);
        // The gateway's readiness probe of logparse (every second) has run by now, and is not in logparse's log.
        Gateways.stop(gateway, logparse);
        for (Path log : List.of(gatewayLog(), logparseLog())) {
            assertThat(AccessLogLines.read(log).stream().filter(l -> l.contains("/observe")).toList(), empty());
        }
    }

    @Test
    void refusedCallersAreLoggedWithoutAKeyId() {
        start(false);
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").header(RequestId.HEADER, "no-key")
                .header(ApiKeyFilterHeaders.X_API_KEY, "wrong-key").request()) {
            assertThat(response.status().code(), is(401));
        }
        JsonObject line = AccessLogLines.awaitJson(gatewayLog(), "no-key", 1).getFirst();
        assertThat(line.getInt("http.response.status_code"), is(401));
        assertThat(line.containsKey("vigil.key_id"), is(false));
        assertThat(line.containsKey("vigil.upstream"), is(false));
        assertThat(String.join("\n", AccessLogLines.read(gatewayLog())), not(containsString("wrong-key")));
    }

    @Test
    void aFailedExchangeNamesItsEndpointAttemptsAndCircuit() throws IOException {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        gateway = Gateways.start(keyed("access-log.output", gatewayLog().toString(),
                                       "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + dead));
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").header(RequestId.HEADER, "dead-1")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + Gateways.KEY).request()) {
            assertThat(response.status().code(), is(502));
        }
        JsonObject line = AccessLogLines.awaitJson(gatewayLog(), "dead-1", 1).getFirst();
        assertThat(line.getInt("http.response.status_code"), is(502));
        assertThat(line.getString("vigil.endpoint"), is("127.0.0.1:" + dead));
        assertThat("refused connections are retried up to max-attempts", line.getInt("vigil.attempts"), is(3));
        assertThat(line.getString("vigil.circuit"), matchesPattern("closed|open"));
    }

    private void startTraced() {
        start(true);
    }

    private void start(boolean traced) {
        String tracing = Boolean.toString(traced);
        logparse = VigilService.start("logparse-service", TestConfig.of("access-log.output", logparseLog().toString(),
                                                                        "tracing.enabled", tracing,
                                                                        "tracing.host", "127.0.0.1", "tracing.port", "9"),
                                      io.vigil.logparse.Main::routing);
        gateway = Gateways.start(keyed("access-log.output", gatewayLog().toString(), "tracing.enabled", tracing,
                                       "tracing.host", "127.0.0.1", "tracing.port", "9",
                                       "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port()));
    }

    /** Pairs plus API-key authentication with one key, {@value #KEY_ID}. */
    private static String[] keyed(String... pairs) {
        List<String> all = new java.util.ArrayList<>(List.of(pairs));
        all.addAll(List.of("gateway.auth.mode", "api-key", "gateway.auth.keys.0.id", KEY_ID,
                           "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256));
        return all.toArray(String[]::new);
    }

    private Path gatewayLog() {
        return dir.resolve("gateway.access.log");
    }

    private Path logparseLog() {
        return dir.resolve("logparse-service.access.log");
    }

    private WebClient client() {
        return WebClient.builder().baseUri("http://127.0.0.1:" + gateway.port()).readTimeout(BOUND).build();
    }

    private static List<String> lines(Path log, String requestId) {
        return AccessLogLines.read(log).stream().filter(l -> l.contains("\"" + requestId + "\"")).toList();
    }

    private static long count(InputStream body) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        body.transferTo(all);
        return all.size();
    }

    /** The header name the gateway also takes keys in. */
    private static final class ApiKeyFilterHeaders {
        static final io.helidon.http.HeaderName X_API_KEY = io.vigil.gateway.auth.ApiKeyFilter.X_API_KEY;
    }
}
