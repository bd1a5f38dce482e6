package io.vigil.common.accesslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.http.ConnectionAbort;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.RequestId;
import io.vigil.common.service.ServerSetup;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.AccessLogLines;
import io.vigil.common.testing.TestConfig;
import io.vigil.common.tracing.TracerSetup;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * A real server with its access log in a file: each request is one line written when its response completed, with
 * the body bytes read and written (a streamed, chunked answer included), errors with the status the client got
 * (also those Helidon writes after the filter chain), cut connections marked, probes left out, and the combined
 * format readable as nginx writes it.
 */
class AccessLogIT {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int STREAM_CHUNKS = 7;
    private static final int CHUNK = 1000;

    @TempDir
    Path dir;

    private VigilService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    @Test
    void oneJsonLinePerRequestWithBytesStatusAndDuration() {
        Path log = start("json");
        try (HttpClientResponse response = client().get("/hello").header(RequestId.HEADER, "hello-1")
                .header(HeaderNames.USER_AGENT, "probe \"quoted\"/1.0").request()) {
            assertThat(response.status().code(), is(200));
            assertThat("counting the body keeps a small answer in one piece, with its length",
                       response.headers().contentLength().orElse(-1), is(5L));
        }
        JsonObject line = AccessLogLines.awaitJson(log, "hello-1", 1).getFirst();
        assertThat(line.getString("@timestamp"), matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertThat(line.getString("service.name"), is("access-it"));
        assertThat(line.getString("event.dataset"), is("access-it.access"));
        assertThat(line.getString("client.address"), is("127.0.0.1"));
        assertThat(line.getString("http.request.method"), is("GET"));
        assertThat(line.getString("url.path"), is("/hello"));
        assertThat(line.getString("http.version"), is("1.1"));
        assertThat(line.getInt("http.response.status_code"), is(200));
        assertThat(line.getJsonNumber("http.request.body.bytes").longValue(), is(0L));
        assertThat(line.getJsonNumber("http.response.body.bytes").longValue(), is(5L));
        assertThat(line.getJsonNumber("event.duration").longValue(), greaterThan(0L));
        assertThat(line.getJsonNumber("vigil.duration_ms").doubleValue(),
                   is(line.getJsonNumber("event.duration").longValue() / 1000 / 1000.0));
        assertThat(line.getString("user_agent.original"), is("probe \"quoted\"/1.0"));
        assertThat(line.containsKey("trace.id"), is(false));
        assertThat(line.containsKey("vigil.aborted"), is(false));
    }

    @Test
    void countsRequestBodiesSentWithALengthOrChunked() throws IOException {
        Path log = start("json");
        try (HttpClientResponse response = client().post("/echo").header(RequestId.HEADER, "echo-1")
                .submit("x".repeat(12_345))) {
            assertThat(response.as(String.class).length(), is(12_345));
        }
        String chunked = raw("POST /echo HTTP/1.1\r\nHost: x\r\nX-Request-Id: echo-2\r\nTransfer-Encoding: chunked\r\n"
                             + "Connection: close\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
        assertThat(chunked, containsString("abcdefg"));
        JsonObject sized = AccessLogLines.awaitJson(log, "echo-1", 1).getFirst();
        assertThat(sized.getJsonNumber("http.request.body.bytes").longValue(), is(12_345L));
        assertThat(sized.getJsonNumber("http.response.body.bytes").longValue(), is(12_345L));
        JsonObject streamed = AccessLogLines.awaitJson(log, "echo-2", 1).getFirst();
        assertThat(streamed.getJsonNumber("http.request.body.bytes").longValue(), is(7L));
        assertThat(streamed.getJsonNumber("http.response.body.bytes").longValue(), is(7L));
    }

    @Test
    void aStreamedAnswerIsLoggedWhenItEndsWithItsRealByteCount() throws IOException {
        Path log = start("json");
        String response = raw("GET /stream HTTP/1.1\r\nHost: x\r\nX-Request-Id: stream-1\r\nConnection: close\r\n\r\n");
        assertThat(response, containsString("Transfer-Encoding: chunked"));
        JsonObject line = AccessLogLines.awaitJson(log, "stream-1", 1).getFirst();
        assertThat(line.getInt("http.response.status_code"), is(200));
        assertThat(line.getJsonNumber("http.response.body.bytes").longValue(), is((long) STREAM_CHUNKS * CHUNK));
        // Logged at the end: the duration covers the pauses between the chunks.
        assertThat(line.getJsonNumber("event.duration").longValue(), greaterThan(STREAM_CHUNKS * 5_000_000L));
    }

    @Test
    void aHeadRequestSentNoBodyAndAnUncountedStreamHasNoSize() throws IOException {
        Path log = start("json");
        try (HttpClientResponse response = client().head("/hello").header(RequestId.HEADER, "head-1").request()) {
            assertThat(response.status().code(), is(200));
        }
        String response = raw("GET /uncounted HTTP/1.1\r\nHost: x\r\nX-Request-Id: uncounted-1\r\n\r\n");
        assertThat(response, containsString("Transfer-Encoding: chunked"));
        assertThat(AccessLogLines.awaitJson(log, "head-1", 1).getFirst().getJsonNumber("http.response.body.bytes")
                           .longValue(), is(0L));
        JsonObject uncounted = AccessLogLines.awaitJson(log, "uncounted-1", 1).getFirst();
        assertThat(uncounted.getInt("http.response.status_code"), is(200));
        assertThat("a handler that streams without countedOutputStream leaves the size unknown",
                   uncounted.containsKey("http.response.body.bytes"), is(false));
    }

    @Test
    void errorsAreLoggedWithTheStatusTheClientGot() throws IOException {
        Path log = start("json");
        try (HttpClientResponse response = client().get("/busy").header(RequestId.HEADER, "busy-1").request()) {
            assertThat(response.status().code(), is(503));
        }
        // Refused by a filter (two different lengths): Helidon writes the 400 after the filter chain has returned.
        String refused = raw("POST /echo HTTP/1.1\r\nHost: x\r\nX-Request-Id: refused-1\r\nContent-Length: 1\r\n"
                             + "Content-Length: 2\r\n\r\nab");
        assertThat(refused, containsString("400"));
        try (HttpClientResponse response = client().get("/nowhere").header(RequestId.HEADER, "missing-1").request()) {
            assertThat(response.status().code(), is(404));
        }
        assertThat(AccessLogLines.awaitJson(log, "busy-1", 1).getFirst().getInt("http.response.status_code"), is(503));
        JsonObject badRequest = AccessLogLines.awaitJson(log, "refused-1", 1).getFirst();
        assertThat(badRequest.getInt("http.response.status_code"), is(400));
        assertThat(badRequest.getJsonNumber("http.response.body.bytes").longValue(), greaterThan(0L));
        assertThat(AccessLogLines.awaitJson(log, "missing-1", 1).getFirst().getInt("http.response.status_code"), is(404));
    }

    @Test
    void aConnectionCutMidAnswerIsLoggedOnceAsAborted() throws IOException {
        Path log = start("json");
        String response = raw("GET /partial HTTP/1.1\r\nHost: x\r\nX-Request-Id: cut-1\r\n\r\n");
        assertThat(response, not(containsString("\r\n0\r\n\r\n")));
        JsonObject line = AccessLogLines.awaitJson(log, "cut-1", 1).getFirst();
        assertThat(line.getInt("http.response.status_code"), is(200));
        assertThat(line.getBoolean("vigil.aborted"), is(true));
        assertThat(line.getJsonNumber("http.response.body.bytes").longValue(), is(10_000L));
        // Exactly one: completion and the abort must not both log it.
        service.shutdown();
        assertThat(AccessLogLines.read(log).stream().filter(l -> l.contains("cut-1")).toList(), hasSize(1));
    }

    @Test
    void probesAreLeftOutAndEveryOtherRequestIsLoggedExactlyOnce() {
        Path log = start("json");
        WebClient client = client();
        for (int i = 0; i < 5; i++) {
            try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
                assertThat(ready.status().code(), is(200));
            }
            try (HttpClientResponse metrics = client.get("/observe/metrics").request()) {
                assertThat(metrics.as(String.class), containsString("vigil_access_log_dropped_total{reason=\"queue-full\""));
            }
            try (HttpClientResponse hello = client.get("/hello").header(RequestId.HEADER, "many-" + i).request()) {
                assertThat(hello.status().code(), is(200));
            }
        }
        service.shutdown();
        List<String> lines = AccessLogLines.read(log);
        assertThat(lines, hasSize(5));
        assertThat(lines.stream().filter(l -> l.contains("/observe")).toList(), empty());
        for (int i = 0; i < 5; i++) {
            String id = "\"many-" + i + "\"";
            assertThat(lines.stream().filter(l -> l.contains(id)).toList(), hasSize(1));
        }
    }

    @Test
    void theQueryIsLoggedOnlyWhenAskedAndThenWithoutSecrets() {
        Path log = start("json");
        get("/hello", "query-1", "q", "text", "api_key", "abc123");
        assertThat(AccessLogLines.awaitJson(log, "query-1", 1).getFirst().containsKey("url.query"), is(false));
        service.shutdown();

        Path withQuery = start("json", "access-log.include-query", "true");
        get("/hello", "query-2", "q", "text", "api_key", "abc123");
        JsonObject line = AccessLogLines.awaitJson(withQuery, "query-2", 1).getFirst();
        assertThat(line.getString("url.path"), is("/hello"));
        assertThat(line.getString("url.query"), is("q=text&api_key=REDACTED"));
        assertThat(String.join("\n", AccessLogLines.read(withQuery)), not(containsString("abc123")));
    }

    @Test
    void combinedLinesReadAsNginxCombinedWithTheRequestTimeAndIds() {
        Path log = start("combined");
        try (HttpClientResponse response = client().get("/hello").header(RequestId.HEADER, "combined-1")
                .header(HeaderNames.USER_AGENT, "curl/8.5.0").header(HeaderNames.REFERER, "http://a.example/x?token=t")
                .request()) {
            assertThat(response.status().code(), is(200));
        }
        String line = AccessLogLines.await(log, 1, l -> l.contains("combined-1")).getFirst();
        Matcher combined = Pattern.compile("^127\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                                           + "\"GET /hello HTTP/1\\.1\" 200 5 \"http://a\\.example/x\" \"curl/8\\.5\\.0\" "
                                           + "(\\d+\\.\\d{6}) combined-1 -$").matcher(line);
        assertThat(line, combined.matches(), is(true));
        assertThat(Double.parseDouble(combined.group(1)), greaterThan(0.0));
    }

    @Test
    void tracedRequestsCarryTheirTraceAndSpanIds() {
        Path file = dir.resolve("traced.log");
        service = VigilService.start("access-it", TestConfig.of("access-log.output", file.toString(),
                                                                "tracing.enabled", "true", "tracing.host", "127.0.0.1",
                                                                "tracing.port", "9"),
                                     (routing, config, checks) -> routes(routing), ServerSetup.NONE, TracerSetup.NONE);
        String traceId;
        try (HttpClientResponse response = client().get("/hello").header(RequestId.HEADER, "traced-1").request()) {
            traceId = response.headers().first(HeaderNames.create("X-Trace-Id")).orElseThrow();
        }
        JsonObject line = AccessLogLines.awaitJson(file, "traced-1", 1).getFirst();
        assertThat(line.getString("trace.id"), is(traceId));
        assertThat(line.getString("span.id"), matchesPattern("[0-9a-f]{16}"));
    }

    @Test
    void offMeansNoLines() throws IOException {
        Path log = start("off");
        get("/hello", "off-1");
        service.shutdown();
        assertThat(Files.exists(log), is(false));
    }

    private void get(String path, String requestId, String... query) {
        var request = client().get(path).header(RequestId.HEADER, requestId);
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        try (HttpClientResponse response = request.request()) {
            assertThat(response.status().code(), is(200));
        }
    }

    private Path start(String format, String... more) {
        Path file = dir.resolve(format + "-" + System.nanoTime() + ".log");
        List<String> pairs = new ArrayList<>(List.of("access-log.format", format, "access-log.output", file.toString()));
        pairs.addAll(List.of(more));
        service = VigilService.start("access-it", TestConfig.of(pairs.toArray(String[]::new)), AccessLogIT::routes);
        return file;
    }

    private WebClient client() {
        return WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).readTimeout(BOUND).build();
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Helidon 4.1.2 keeps the connection open after "Connection: close" until the client ends it.
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void routes(HttpRouting.Builder routing, io.helidon.config.Config config) {
        routes(routing);
    }

    private static void routes(HttpRouting.Builder routing) {
        routing.get("/hello", (req, res) -> res.send("hello"))
                .head("/hello", (req, res) -> res.header(HeaderNames.CONTENT_LENGTH, "5").send())
                .post("/echo", (req, res) -> res.send(req.content().as(String.class)))
                .get("/stream", (req, res) -> {
                    try (OutputStream out = AccessLogFields.of(req).countedOutputStream(res)) {
                        for (int i = 0; i < STREAM_CHUNKS; i++) {
                            out.write("y".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(10);
                        }
                    }
                })
                .get("/uncounted", (req, res) -> {
                    try (OutputStream out = res.outputStream()) {
                        out.write("z".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        out.write("z".getBytes(StandardCharsets.US_ASCII));
                    }
                })
                .get("/partial", (req, res) -> {
                    OutputStream out = AccessLogFields.of(req).countedOutputStream(res);
                    out.write("x".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    throw ConnectionAbort.abort(req, "giving up mid-body", null);
                })
                .get("/busy", (req, res) -> {
                    throw new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE_503, "busy"));
                });
    }
}
