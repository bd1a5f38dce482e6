package io.vigil.tracecollector;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Collector;
import io.opentelemetry.exporter.jaeger.proto.api_v2.CollectorServiceGrpc;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Model;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.service.VigilService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The collector over real sockets: spans posted with a gRPC client of Jaeger's collector service come back from the
 * query API as one trace, with services, parents, times and tags.
 */
class TraceCollectorTest {
    private static final String TRACE = "0000000000000000a3ce929d0e0e4736";
    private static final String GATEWAY_SPAN = "00f067aa0ba902b7";
    private static final String LOGPARSE_SPAN = "53995c3f42cd8ad8";

    private SpanStore store;
    private PostSpansReceiver receiver;
    private WebServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        store = new SpanStore(1000);
        receiver = PostSpansReceiver.start(0, store);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/api/traces", new TracesService(store)))
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
        receiver.close();
    }

    @Test
    void spansPostedOverGrpcComeBackAsOneJaegerTrace() {
        post("gateway", span(GATEWAY_SPAN, null, "GET /api/v1/logs/formats",
                             Model.KeyValue.newBuilder().setKey("http.status_code").setVType(Model.ValueType.INT64)
                                     .setVInt64(200).build()));
        post("logparse-service", span(LOGPARSE_SPAN, GATEWAY_SPAN, "GET /v1/formats",
                                      Model.KeyValue.newBuilder().setKey("error").setVType(Model.ValueType.BOOL)
                                              .setVBool(false).build()));

        // Jaeger's UI writes a 64-bit trace id without its leading zeros; both forms find the trace.
        for (String id : List.of(TRACE, "a3ce929d0e0e4736", TRACE.toUpperCase())) {
            JsonObject trace = get("/api/traces/" + id, 200).getJsonArray("data").getJsonObject(0);
            assertThat(trace.getString("traceID"), is(TRACE));
            assertThat(trace.getJsonObject("processes").getJsonObject("p1").getString("serviceName"), is("gateway"));
            assertThat(trace.getJsonObject("processes").getJsonObject("p2").getString("serviceName"), is("logparse-service"));
            JsonObject gateway = trace.getJsonArray("spans").getJsonObject(0);
            JsonObject logparse = trace.getJsonArray("spans").getJsonObject(1);
            assertThat(gateway.getString("spanID"), is(GATEWAY_SPAN));
            assertThat(gateway.getString("operationName"), is("GET /api/v1/logs/formats"));
            assertThat(gateway.getString("processID"), is("p1"));
            assertThat(gateway.getJsonArray("references").isEmpty(), is(true));
            assertThat(gateway.getJsonNumber("startTime").longValue(), is(1_700_000_000_000_250L));
            assertThat(gateway.getJsonNumber("duration").longValue(), is(1_500L));
            assertThat(gateway.getJsonArray("tags").getJsonObject(0),
                       is(Json.createObjectBuilder().add("key", "http.status_code").add("type", "int64").add("value", 200)
                                  .build()));
            assertThat(logparse.getString("processID"), is("p2"));
            JsonObject parent = logparse.getJsonArray("references").getJsonObject(0);
            assertThat(parent.getString("refType"), is("CHILD_OF"));
            assertThat(parent.getString("spanID"), is(GATEWAY_SPAN));
            assertThat(parent.getString("traceID"), is(TRACE));
            assertThat(logparse.getJsonArray("tags").getJsonObject(0).getBoolean("value"), is(false));
        }
    }

    @Test
    void anUnknownTraceIsA404AndAMalformedIdA400InJaegersShape() {
        JsonObject missing = get("/api/traces/4bf92f3577b34da6a3ce929d0e0e4736", 404);
        assertThat(missing.isNull("data"), is(true));
        assertThat(missing.getJsonArray("errors").getJsonObject(0).getInt("code"), is(404));
        assertThat(missing.getJsonArray("errors").getJsonObject(0).getString("msg"), is("trace not found"));
        assertThat(get("/api/traces/not-hex", 400).getJsonArray("errors").getJsonObject(0).getInt("code"), is(400));
        assertThat(get("/api/traces/" + "1".repeat(33), 400).getJsonArray("errors").getJsonObject(0).getInt("code"), is(400));
    }

    @Test
    void theOldestTracesAreDroppedBeyondTheLimit() {
        SpanStore small = new SpanStore(3);
        small.add(batch("gateway", traceSpan("01", "0000000000000001"), traceSpan("01", "0000000000000002")));
        small.add(batch("gateway", traceSpan("02", "0000000000000003"), traceSpan("02", "0000000000000004")));
        assertThat(small.trace(traceId("01")).isEmpty(), is(true));
        assertThat(small.trace(traceId("02")).size(), is(2));
        assertThat(small.size(), is(2));
    }

    @Test
    void settingsHaveJaegersPortsByDefaultAndRejectBadValues() {
        assertThat(CollectorSettings.create(config(Map.of()).get("collector")), is(new CollectorSettings(14250, 100_000)));
        InvalidConfigException port = assertThrows(InvalidConfigException.class,
                () -> CollectorSettings.create(config(Map.of("collector.grpc-port", "70000")).get("collector")));
        assertThat(port.getMessage(),
                   is("invalid configuration: collector.grpc-port = \"70000\" (expected: an integer 0..65535)"));
        assertThrows(InvalidConfigException.class,
                () -> CollectorSettings.create(config(Map.of("collector.max-spans", "0")).get("collector")));
    }

    @Test
    void theServiceReceivesOnItsGrpcPortAndAnswersHealthAndQueries() throws IOException {
        int grpcPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            grpcPort = socket.getLocalPort();
        }
        VigilService service = VigilService.start("trace-collector", config(Map.of(
                "server.host", "127.0.0.1", "server.port", "0", "collector.grpc-port", Integer.toString(grpcPort))),
                Main::routing);
        ManagedChannel direct = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        try {
            CollectorServiceGrpc.newBlockingStub(direct).postSpans(Collector.PostSpansRequest.newBuilder()
                    .setBatch(batch("health-service", span(GATEWAY_SPAN, null, "GET /v1/checks"))).build());
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + service.port()).build();
            try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
                assertThat(ready.status().code(), is(200));
            }
            try (HttpClientResponse trace = client.get("/api/traces/" + TRACE).request()) {
                assertThat(trace.status().code(), is(200));
                assertThat(trace.as(String.class).contains("\"serviceName\":\"health-service\""), is(true));
            }
        } finally {
            direct.shutdownNow();
            service.shutdown();
        }
    }

    private void post(String service, Model.Span span) {
        CollectorServiceGrpc.newBlockingStub(channel)
                .postSpans(Collector.PostSpansRequest.newBuilder().setBatch(batch(service, span)).build());
    }

    private JsonObject get(String path, int status) {
        Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
        try (HttpClientResponse response = client.get(path).request()) {
            assertThat(path, response.status().code(), is(status));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/json"));
            return Json.createReader(new StringReader(response.as(String.class))).readObject();
        }
    }

    private static Model.Batch batch(String service, Model.Span... spans) {
        return Model.Batch.newBuilder().setProcess(Model.Process.newBuilder().setServiceName(service))
                .addAllSpans(List.of(spans)).build();
    }

    private static Model.Span span(String spanId, String parent, String operation, Model.KeyValue... tags) {
        Model.Span.Builder span = Model.Span.newBuilder()
                .setTraceId(bytes(TRACE))
                .setSpanId(bytes(spanId))
                .setOperationName(operation)
                .setStartTime(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(250_000))
                .setDuration(Duration.newBuilder().setNanos(1_500_000))
                .addAllTags(List.of(tags));
        if (parent != null) {
            span.addReferences(Model.SpanRef.newBuilder().setRefType(Model.SpanRefType.CHILD_OF).setTraceId(bytes(TRACE))
                                       .setSpanId(bytes(parent)));
        }
        return span.build();
    }

    private static Model.Span traceSpan(String trace, String spanId) {
        return Model.Span.newBuilder().setTraceId(bytes(traceId(trace))).setSpanId(bytes(spanId)).setOperationName("op")
                .build();
    }

    private static String traceId(String suffix) {
        return "0".repeat(32 - suffix.length()) + suffix;
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
