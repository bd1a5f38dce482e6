package io.vigil.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Model;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vigil.common.logging.JsonLogFormatter;
import io.vigil.common.service.ServerSetup;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.SpanRecorder;
import io.vigil.common.testing.TestConfig;
import io.vigil.common.tracing.Tracing;
import io.vigil.gateway.proxy.UpstreamTracing;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * All three services in one JVM with tracing on, exporting to a Jaeger collector on loopback (the real gRPC protocol)
 * and to an in-memory recorder: one request through the gateway is one trace with the right parent/child shape and
 * attributes, a caller's W3C or Jaeger trace continues through every service, failures are failed spans, and the
 * trace id reaches responses, problems and log lines.
 */
class TracingIT {
    /** Long enough for a loaded CI machine: spans leave in batches from each service's exporter. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final HeaderName UBER_TRACE_ID = HeaderNames.create("uber-trace-id");
    private static final String LINE =
            "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 100 \"-\" \"curl/8.5.0\"\n";
    /** Over 1 MiB blocks, so that the analysis is parallel and has a merge phase. */
    private static final byte[] BIG_LOG = (LINE.repeat(30_000) + "not a log line\n").getBytes(StandardCharsets.UTF_8);

    private static final SpanRecorder RECORDER = new SpanRecorder();
    private static final List<String> LOG_LINES = new ArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        private final Formatter json = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (LOG_LINES) {
                LOG_LINES.add(json.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static JaegerCollector collector;
    private static VigilService logparse;
    private static VigilService health;
    private static VigilService gateway;

    @BeforeAll
    static void startPlatform() throws IOException {
        collector = JaegerCollector.start();
        logparse = VigilService.start("logparse-service", traced(),
                                      (routing, config, checks) -> io.vigil.logparse.Main.routing(routing, config),
                                      ServerSetup.NONE, RECORDER.setup());
        health = VigilService.start("health-service", traced("health.refresh-interval", "PT0.2S",
                                                             "health.checks.0.name", "logparse",
                                                             "health.checks.0.type", "http",
                                                             "health.checks.0.url", base(logparse) + "/observe/health/ready",
                                                             // a loaded machine's slow probe is still a pass
                                                             "health.checks.0.timeout", "PT10S",
                                                             "health.checks.1.name", "heap",
                                                             "health.checks.1.type", "heap",
                                                             "health.checks.1.max-used-ratio", "0.99"),
                                    io.vigil.health.Main::routing, ServerSetup.NONE, RECORDER.setup());
        gateway = startGateway("gateway.upstreams.logparse.endpoints", base(logparse),
                               "gateway.upstreams.health.endpoints", base(health));
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopPlatform() {
        Logger.getLogger("").removeHandler(CAPTURE);
        Gateways.stop(gateway, health, logparse);
        collector.close();
    }

    @Test
    void anAnalysisIsOneTraceFromTheGatewayToTheLogparseEngine() {
        String traceId;
        try (HttpClientResponse response = client(gateway).post("/api/v1/logs/analyze").submit(BIG_LOG)) {
            assertThat(response.status().code(), is(200));
            traceId = response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow();
        }

        List<SpanData> spans = RECORDER.await(traceId, all -> hasAll(all, "merge", "POST /v1/analyze",
                                                                     "POST /api/v1/logs/analyze"), WAIT);
        SpanData gatewayServer = span(spans, "gateway", "POST /api/v1/logs/analyze");
        SpanData gatewayClient = span(spans, "gateway", "logparse POST /v1/analyze");
        SpanData logparseServer = span(spans, "logparse-service", "POST /v1/analyze");
        assertThat(gatewayServer.getKind(), is(SpanKind.SERVER));
        assertThat(gatewayServer.getParentSpanContext().isValid(), is(false));
        assertThat(gatewayClient.getKind(), is(SpanKind.CLIENT));
        assertThat(gatewayClient.getParentSpanId(), is(gatewayServer.getSpanId()));
        assertThat(attribute(gatewayClient, UpstreamTracing.UPSTREAM), is("logparse"));
        assertThat(gatewayClient.getAttributes().get(AttributeKey.longKey(UpstreamTracing.ATTEMPT)), is(1L));
        assertThat(attribute(gatewayClient, UpstreamTracing.CIRCUIT), is("closed"));
        assertThat(gatewayClient.getAttributes().get(AttributeKey.longKey("http.status_code")), is(200L));
        assertThat(logparseServer.getKind(), is(SpanKind.SERVER));
        assertThat(logparseServer.getParentSpanId(), is(gatewayClient.getSpanId()));
        for (String phase : List.of("detect", "parse", "merge")) {
            SpanData internal = span(spans, "logparse-service", phase);
            assertThat(phase, internal.getParentSpanId(), is(logparseServer.getSpanId()));
            assertThat(phase, attribute(internal, "logparse.format"), is("combined"));
        }
        SpanData parse = span(spans, "logparse-service", "parse");
        assertThat(parse.getAttributes().get(AttributeKey.longKey("logparse.bytes")), is((long) BIG_LOG.length));
        assertThat(parse.getAttributes().get(AttributeKey.longKey("logparse.lines")), is(30_001L));
        assertThat(parse.getAttributes().get(AttributeKey.longKey("logparse.malformed")), is(1L));
    }

    @Test
    void aCallersW3cTraceContinuesThroughEveryServiceAndReachesTheCollector() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String caller = "00f067aa0ba902b7";
        String traceparent = "00-" + trace + "-" + caller + "-01";
        try (HttpClientResponse response = client(gateway).post("/api/v1/logs/analyze").header(TRACEPARENT, traceparent)
                .submit(LINE)) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow(), is(trace));
        }
        try (HttpClientResponse response = client(gateway).get("/api/v1/health/checks").header(TRACEPARENT, traceparent)
                .request()) {
            assertThat(response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow(), is(trace));
        }

        Map<String, List<Model.Span>> received = collector.await(trace, byService -> operations(byService, "gateway",
                "POST /api/v1/logs/analyze", "logparse POST /v1/analyze", "GET /api/v1/health/checks", "health GET /v1/checks")
                && operations(byService, "logparse-service", "POST /v1/analyze", "parse")
                && operations(byService, "health-service", "GET /v1/checks"), WAIT);

        List<Model.Span> gatewaySpans = received.get("gateway");
        Model.Span analyze = operation(gatewaySpans, "POST /api/v1/logs/analyze");
        assertThat(parentOf(analyze), is(caller));
        Model.Span client = operation(gatewaySpans, "logparse POST /v1/analyze");
        assertThat(parentOf(client), is(JaegerCollector.hex(analyze.getSpanId().toByteArray())));
        Model.Span logparseServer = operation(received.get("logparse-service"), "POST /v1/analyze");
        assertThat(parentOf(logparseServer), is(JaegerCollector.hex(client.getSpanId().toByteArray())));
        assertThat(parentOf(operation(received.get("logparse-service"), "parse")),
                   is(JaegerCollector.hex(logparseServer.getSpanId().toByteArray())));
        Model.Span checksClient = operation(gatewaySpans, "health GET /v1/checks");
        assertThat(parentOf(operation(received.get("health-service"), "GET /v1/checks")),
                   is(JaegerCollector.hex(checksClient.getSpanId().toByteArray())));
    }

    @Test
    void aCallersJaegerTraceContinues() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String caller = "b7ad6b7169203331";
        try (HttpClientResponse response = client(gateway).get("/api/v1/logs/formats")
                .header(UBER_TRACE_ID, trace + ":" + caller + ":0:1")
                .request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow(), is(trace));
        }

        List<SpanData> spans = RECORDER.await(trace, all -> hasAll(all, "GET /v1/formats", "logparse GET /v1/formats",
                                                                   "GET /api/v1/logs/formats"), WAIT);
        assertThat(span(spans, "gateway", "GET /api/v1/logs/formats").getParentSpanId(), is(caller));
        assertThat(span(spans, "logparse-service", "GET /v1/formats").getParentSpanId(),
                   is(span(spans, "gateway", "logparse GET /v1/formats").getSpanId()));
    }

    @Test
    void anUnreachableUpstreamIsAFailedSpanPerAttemptAndItsProblemAndLogLineNameTheTrace() {
        VigilService lonely = startGateway("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:9");
        try {
            String traceId;
            try (HttpClientResponse response = client(lonely).get("/api/v1/logs/formats").request()) {
                JsonObject problem = Problems.assertProblem(response, 502);
                traceId = response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow();
                assertThat(problem.getString("traceId"), is(traceId));
            }

            List<SpanData> spans = RECORDER.await(traceId, all -> all.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                    .count() == 3 && has(all, "GET /api/v1/logs/formats"), WAIT);
            List<Long> attempts = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                    .map(s -> s.getAttributes().get(AttributeKey.longKey(UpstreamTracing.ATTEMPT))).sorted().toList();
            assertThat(attempts, is(List.of(1L, 2L, 3L)));
            for (SpanData attempt : spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList()) {
                assertThat(attempt.getStatus().getStatusCode(), is(StatusCode.ERROR));
                assertThat(attempt.getEvents().isEmpty(), is(false));
            }
            assertThat(span(spans, "gateway", "GET /api/v1/logs/formats").getStatus().getStatusCode(), is(StatusCode.ERROR));
            synchronized (LOG_LINES) {
                assertThat(LOG_LINES, hasItem(containsString("\"traceId\":\"" + traceId + "\"")));
            }
        } finally {
            lonely.shutdown();
        }
    }

    @Test
    void everyHealthRefreshIsATraceWithASpanPerCheck() {
        List<SpanData> spans = RECORDER.await(awaitCheckTrace(), all -> has(all, "check heap") && has(all, "health refresh")
                && all.stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT), WAIT);
        SpanData check = span(spans, "health-service", "check logparse");

        SpanData refresh = span(spans, "health-service", "health refresh");
        assertThat(check.getParentSpanId(), is(refresh.getSpanId()));
        assertThat(span(spans, "health-service", "check heap").getParentSpanId(), is(refresh.getSpanId()));
        assertThat(attribute(check, "check.status"), is("pass"));
        assertThat(attribute(check, "check.type"), is("http"));
        SpanData probe = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(probe.getParentSpanId(), is(check.getSpanId()));
        assertThat(probe.getAttributes().get(AttributeKey.longKey("http.status_code")), is(200L));
    }

    private static String awaitCheckTrace() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var found = RECORDER.all().stream().filter(s -> s.getName().equals("check logparse")).findFirst();
            if (found.isPresent()) {
                return found.get().getTraceId();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no health check span within " + WAIT + ": " + SpanRecorder.describe(RECORDER.all()));
    }

    private static VigilService startGateway(String... upstreams) {
        List<String> pairs = new ArrayList<>(tracingPairs());
        pairs.addAll(Arrays.asList(upstreams));
        Config config = Gateways.config(pairs.toArray(String[]::new));
        return VigilService.start("gateway", config, (routing, c, checks) -> Main.routing(routing, c), Main::server,
                                  RECORDER.setup());
    }

    private static Config traced(String... more) {
        List<String> pairs = new ArrayList<>(tracingPairs());
        pairs.addAll(Arrays.asList(more));
        return TestConfig.of(pairs.toArray(String[]::new));
    }

    private static List<String> tracingPairs() {
        return List.of("tracing.enabled", "true", "tracing.host", "127.0.0.1", "tracing.port", String.valueOf(collector.port()),
                       "tracing.schedule-delay", "PT0.05S",
                       // an export slowed by a loaded machine must not be dropped at the 2 s default
                       "tracing.exporter-timeout", "PT10S");
    }

    private static boolean hasAll(List<SpanData> spans, String... names) {
        return Arrays.stream(names).allMatch(name -> has(spans, name));
    }

    private static boolean has(List<SpanData> spans, String name) {
        return spans.stream().anyMatch(span -> span.getName().equals(name));
    }

    private static SpanData span(List<SpanData> spans, String service, String name) {
        return spans.stream()
                .filter(span -> span.getName().equals(name)
                        && service.equals(span.getResource().getAttribute(SpanRecorder.SERVICE_NAME)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + service + ":" + name + " in " + SpanRecorder.describe(spans)));
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static boolean operations(Map<String, List<Model.Span>> byService, String service, String... names) {
        List<String> seen = byService.getOrDefault(service, List.of()).stream().map(Model.Span::getOperationName).toList();
        return seen.containsAll(List.of(names));
    }

    private static Model.Span operation(List<Model.Span> spans, String name) {
        return spans.stream().filter(span -> span.getOperationName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + name + " in "
                                                              + spans.stream().map(Model.Span::getOperationName).toList()));
    }

    private static String parentOf(Model.Span span) {
        assertThat(span.getReferencesList().isEmpty(), is(false));
        Model.SpanRef parent = span.getReferences(0);
        assertThat(parent.getRefType(), is(Model.SpanRefType.CHILD_OF));
        return JaegerCollector.hex(parent.getSpanId().toByteArray());
    }

    private static String base(VigilService service) {
        return "http://127.0.0.1:" + service.port();
    }

    private static WebClient client(VigilService service) {
        return Gateways.client(service);
    }
}
