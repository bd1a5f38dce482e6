package io.vigil.common.tracing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.tracing.HeaderConsumer;
import io.helidon.tracing.HeaderProvider;
import io.helidon.tracing.SpanContext;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.logging.JsonLogFormatter;
import io.vigil.common.service.ServerSetup;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.SpanRecorder;
import io.vigil.common.testing.TestConfig;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * A service with tracing on: server spans continue the caller's trace (W3C or Jaeger headers), trace ids reach the
 * response, problems and log lines, outgoing calls carry both formats, and a collector that is down or hangs never
 * fails or holds up a request.
 */
class TracingIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final HeaderName UBER_TRACE_ID = HeaderNames.create("uber-trace-id");
    private static final Logger ROUTES = Logger.getLogger(TracingIT.class.getName());

    private final SpanRecorder recorder = new SpanRecorder();
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final Formatter json = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(json.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private VigilService service;

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        if (service != null) {
            service.shutdown();
        }
    }

    @Test
    void aServerSpanPerRequestWithItsTraceIdInTheResponseAndTheLog() {
        service = start();
        Logger.getLogger("").addHandler(capture);

        String traceId;
        try (HttpClientResponse response = client().get("/hello").request()) {
            assertThat(response.status().code(), is(200));
            traceId = response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow();
        }

        assertThat(traceId, matchesPattern("[0-9a-f]{32}"));
        SpanData server = serverSpan(traceId);
        assertThat(server.getName(), is("GET /hello"));
        assertThat(server.getResource().getAttribute(SpanRecorder.SERVICE_NAME), is("tracing-it"));
        assertThat(server.getParentSpanContext().isValid(), is(false));
        synchronized (logLines) {
            assertThat(logLines, hasItem(containsString("\"msg\":\"saying hello\",\"requestId\"")));
            String line = logLines.stream().filter(it -> it.contains("saying hello")).findFirst().orElseThrow();
            assertThat(line, containsString("\"traceId\":\"" + traceId + "\",\"spanId\":\"" + server.getSpanId() + "\""));
        }
    }

    @Test
    void aW3cTraceparentIsContinued() {
        service = start();

        try (HttpClientResponse response = client().get("/hello")
                .header(TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-01")
                .request()) {
            assertThat(response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow(), is(TRACE));
        }

        assertThat(serverSpan(TRACE).getParentSpanId(), is(PARENT));
    }

    @Test
    void aJaegerUberTraceIdIsContinued() {
        service = start();

        try (HttpClientResponse response = client().get("/hello")
                .header(UBER_TRACE_ID, TRACE + ":" + PARENT + ":0:1")
                .request()) {
            assertThat(response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow(), is(TRACE));
        }

        assertThat(serverSpan(TRACE).getParentSpanId(), is(PARENT));
    }

    @Test
    void theFirstConfiguredFormatWinsWhenARequestCarriesTwo() {
        String other = "0af7651916cd43dd8448eb211c80319c";
        service = start("tracing.propagation", "jaeger,w3c");

        try (HttpClientResponse response = client().get("/hello")
                .header(TRACEPARENT, "00-" + other + "-" + PARENT + "-01")
                .header(UBER_TRACE_ID, TRACE + ":" + PARENT + ":0:1")
                .request()) {
            assertThat(response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow(), is(TRACE));
        }
    }

    @Test
    void outgoingCallsCarryBothFormatsOfTheCurrentSpan() {
        service = start();

        String injected;
        try (HttpClientResponse response = client().get("/inject")
                .header(TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-01")
                .request()) {
            injected = response.as(String.class);
        }

        String spanId = serverSpan(TRACE).getSpanId();
        assertThat(injected, containsString("traceparent=[00-" + TRACE + "-" + spanId + "-01]"));
        assertThat(injected, containsString("uber-trace-id=[" + TRACE + ":" + spanId + ":0:1]"));
    }

    @Test
    void problemsCarryTheTraceIdAndMarkTheSpanFailed() {
        service = start();

        String traceId;
        try (HttpClientResponse response = client().get("/fail").request()) {
            JsonObject problem = Problems.assertProblem(response, 503);
            traceId = response.headers().first(Tracing.TRACE_ID_HEADER).orElseThrow();
            assertThat(problem.getString("traceId"), is(traceId));
        }

        SpanData server = serverSpan(traceId);
        assertThat(server.getStatus().getStatusCode(), is(io.opentelemetry.api.trace.StatusCode.ERROR));
        assertThat(server.getEvents().isEmpty(), is(false));
    }

    @Test
    void withTracingOffThereIsNoTraceIdAnywhere() {
        service = VigilService.start("tracing-it", TestConfig.of(), TracingIT::routes, ServerSetup.NONE);

        try (HttpClientResponse response = client().get("/fail").request()) {
            JsonObject problem = Problems.assertProblem(response, 503);
            assertThat(response.headers().contains(Tracing.TRACE_ID_HEADER), is(false));
            assertThat(problem.containsKey("traceId"), is(false));
        }
        try (HttpClientResponse response = client().get("/inject").request()) {
            assertThat(response.as(String.class), is("{}"));
        }
    }

    @Test
    @Timeout(60)
    void aCollectorThatRefusesConnectionsCostsSpansNotRequests() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        service = startWithCollector(closedPort);

        assertEveryRequestAnswered(300);
    }

    @Test
    @Timeout(60)
    void aCollectorThatNeverAnswersCostsSpansNotRequests() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread.ofVirtual().start(() -> acceptForever(silent, accepted));
            service = startWithCollector(silent.getLocalPort());

            assertEveryRequestAnswered(300);
            for (Socket socket : List.copyOf(accepted)) {
                socket.close();
            }
        }
    }

    private void assertEveryRequestAnswered(int requests) {
        WebClient client = client();
        for (int i = 0; i < requests; i++) {
            try (HttpClientResponse response = client.get("/hello").request()) {
                assertThat(response.status().code(), is(200));
                assertThat(response.headers().contains(Tracing.TRACE_ID_HEADER), is(true));
            }
        }
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        try {
            while (!server.isClosed()) {
                accepted.add(server.accept());
            }
        } catch (IOException e) {
            // the socket was closed: the test is over
        }
    }

    /** A hanging export holds the exporter for 30 s while requests go on filling a queue of 8 spans. */
    private static VigilService startWithCollector(int port) {
        return VigilService.start("tracing-it", TestConfig.of("tracing.enabled", "true", "tracing.host", "127.0.0.1",
                                                              "tracing.port", String.valueOf(port),
                                                              "tracing.exporter-timeout", "PT30S",
                                                              "tracing.schedule-delay", "PT0.01S",
                                                              "tracing.max-queue-size", "8",
                                                              "tracing.max-export-batch-size", "4"),
                                  (routing, config, checks) -> routes(routing, config), ServerSetup.NONE, TracerSetup.NONE);
    }

    private SpanData serverSpan(String traceId) {
        return recorder.await(traceId, spans -> spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER), WAIT)
                .stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    }

    private VigilService start(String... more) {
        List<String> pairs = new ArrayList<>(List.of("tracing.enabled", "true", "tracing.host", "127.0.0.1",
                                                     "tracing.port", "9", "tracing.schedule-delay", "PT0.02S"));
        pairs.addAll(List.of(more));
        return VigilService.start("tracing-it", TestConfig.of(pairs.toArray(String[]::new)),
                                  (routing, config, checks) -> routes(routing, config), ServerSetup.NONE, recorder.setup());
    }

    private static void routes(HttpRouting.Builder routing, io.helidon.config.Config config) {
        routing.get("/hello", (req, res) -> {
            ROUTES.info("saying hello");
            res.send("hello");
        }).get("/inject", (req, res) -> {
            Map<String, List<String>> headers = new TreeMap<>();
            req.context().get(SpanContext.class)
                    .ifPresent(span -> Tracing.tracer().inject(span, HeaderProvider.empty(), HeaderConsumer.create(headers)));
            res.send(headers.toString());
        }).get("/fail", (req, res) -> {
            throw new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE_503, "not now"));
        });
    }

    private WebClient client() {
        return WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).build();
    }
}
