package io.vigil.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The gateway's per-route RED metrics, per-key counts and streamed bytes, in {@code /observe/metrics}, and
 * {@code GET /api/v1/traffic} computed from the same meters, after traffic whose every request is known.
 */
class TrafficIT {
    private static final String DURATION = "vigil_gateway_route_request_duration_seconds";
    private static final String LOGS = "/api/v1/logs";
    private static final String CHECKS = "/api/v1/health/checks";

    private final List<VigilService> started = new ArrayList<>();
    private VigilService gateway;

    @AfterEach
    void stop() {
        Gateways.stop(started.toArray(VigilService[]::new));
    }

    @Test
    void everyRequestIsMeasuredByRouteMethodAndStatusClassWithItsBytes() {
        VigilService backend = track(Backend.start());
        gateway = track(Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port()));
        MetricsText before = metrics();

        for (int i = 0; i < 20; i++) {
            assertThat(status(Method.GET, "/api/v1/logs/formats", null), is(200));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(status(Method.POST, "/api/v1/logs/analyze", new byte[10_000]), is(200));
        }
        for (int i = 0; i < 2; i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").queryParam("size", "100000").request()) {
                assertThat(response.as(byte[].class).length, is(100_000));
            }
        }
        for (int i = 0; i < 4; i++) {
            assertThat("health-service is unreachable", status(Method.GET, CHECKS, null), is(502));
        }
        assertThat(status(Method.DELETE, "/api/v1/logs/analyze", null), is(404));
        assertThat(status(Method.GET, "/api/v1/nothing", null), is(404));
        assertThat(status(Method.GET, "/api/v1/nothing/either", null), is(404));
        assertThat("outside /api/ nothing is measured", status(Method.GET, "/openapi", null), is(200));
        MetricsText after = metrics();

        assertThat(delta(before, after, DURATION + "_count", "route", LOGS, "method", "GET", "status", "2xx"), is(22.0));
        assertThat(delta(before, after, DURATION + "_count", "route", LOGS, "method", "POST", "status", "2xx"), is(3.0));
        assertThat(delta(before, after, DURATION + "_count", "route", LOGS, "method", "DELETE", "status", "4xx"), is(1.0));
        assertThat(delta(before, after, DURATION + "_count", "route", CHECKS, "method", "GET", "status", "5xx"), is(4.0));
        assertThat(delta(before, after, DURATION + "_count", "route", "(none)", "method", "GET", "status", "4xx"), is(2.0));
        assertThat("every request under /api/ counted once", delta(before, after, DURATION + "_count"), is(32.0));
        assertThat("the +Inf bucket holds every request",
                   delta(before, after, DURATION + "_bucket", "route", LOGS, "le", "+Inf"),
                   is(delta(before, after, DURATION + "_count", "route", LOGS)));
        assertThat("buckets are cumulative", delta(before, after, DURATION + "_bucket", "route", LOGS, "le", "0.001"),
                   lessThanOrEqualTo(delta(before, after, DURATION + "_bucket", "route", LOGS, "le", "120.0")));
        assertThat(after.has(DURATION + "_sum"), is(true));

        assertThat("request bodies forwarded", delta(before, after, "vigil_gateway_route_request_bytes_total", "route", LOGS),
                   is(30_000.0));
        assertThat("response bodies relayed, streamed ones included",
                   delta(before, after, "vigil_gateway_route_response_bytes_total", "route", LOGS),
                   greaterThanOrEqualTo(200_000.0 + 20 * "{\"formats\":[]}".length()));
        assertThat("each attempt timed per endpoint",
                   delta(before, after, "vigil_gateway_endpoint_latency_seconds_count", "upstream", "logparse"), is(25.0));
        assertThat(delta(before, after, "vigil_gateway_endpoint_latency_seconds_bucket", "upstream", "logparse", "le", "+Inf"),
                   is(25.0));
        assertThat("no key presented: key_id (none)",
                   delta(before, after, "vigil_gateway_key_requests_total", "key_id", "(none)"), is(32.0));
    }

    @Test
    void rejectionsByAccessControlAndRateLimitCountOnTheirRouteAndKey() {
        VigilService backend = track(Backend.start());
        gateway = track(Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port(),
                                       "gateway.auth.mode", "api-key",
                                       "gateway.auth.keys.0.id", "ci", "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256,
                                       "gateway.rate-limit.requests-per-second", "1", "gateway.rate-limit.burst", "2"));
        MetricsText before = metrics();

        assertThat(status(Method.GET, "/api/v1/logs/formats", null), is(401));
        int[] statuses = new int[4];
        for (int i = 0; i < statuses.length; i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").header(
                    io.vigil.gateway.auth.ApiKeyFilter.X_API_KEY, Gateways.KEY).request()) {
                statuses[i] = response.status().code();
            }
        }
        MetricsText after = metrics();

        long granted = java.util.Arrays.stream(statuses).filter(s -> s == 200).count();
        long limited = java.util.Arrays.stream(statuses).filter(s -> s == 429).count();
        assertThat(granted + limited, is(4L));
        assertThat(limited, greaterThan(0L));
        assertThat(delta(before, after, DURATION + "_count", "route", LOGS, "status", "4xx"), is(1.0 + limited));
        assertThat(delta(before, after, DURATION + "_count", "route", LOGS, "status", "2xx"), is((double) granted));
        assertThat(delta(before, after, "vigil_gateway_key_requests_total", "key_id", "ci", "status", "2xx"),
                   is((double) granted));
        assertThat(delta(before, after, "vigil_gateway_key_requests_total", "key_id", "ci", "status", "4xx"),
                   is((double) limited));
        assertThat("the 401 has no key id", delta(before, after, "vigil_gateway_key_requests_total", "key_id", "(none)",
                                                  "status", "4xx"), is(1.0));
        assertThat(delta(before, after, "vigil_gateway_ratelimit_rejected_total", "key_id", "ci"), is((double) limited));
    }

    @Test
    void aResponseCutOffMidBodyIsCountedAsAServerError() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> cutOff(upstream));
            gateway = track(Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + upstream.getLocalPort(),
                                           "gateway.upstreams.logparse.retry.max-attempts", "1"));
            MetricsText before = metrics();

            try (Socket client = new Socket("127.0.0.1", gateway.port())) {
                client.getOutputStream().write(("GET /api/v1/logs/formats HTTP/1.1\r\nHost: x\r\n\r\n")
                                                       .getBytes(StandardCharsets.US_ASCII));
                InputStream in = client.getInputStream();
                byte[] all = in.readAllBytes();
                assertThat("the client sees the answer start", new String(all, StandardCharsets.US_ASCII)
                        .startsWith("HTTP/1.1 200"), is(true));
            }
            MetricsText after = eventually(metrics -> delta(before, metrics, DURATION + "_count", "route", LOGS) > 0);

            assertThat(delta(before, after, DURATION + "_count", "route", LOGS, "status", "5xx"), is(1.0));
            assertThat(delta(before, after, DURATION + "_count", "route", LOGS), is(1.0));
            assertThat("what was relayed before the cut", delta(before, after, "vigil_gateway_route_response_bytes_total"),
                       greaterThan(0.0));
        }
    }

    @Test
    void theTrafficWindowIsComputedFromTheSameMeters() {
        VigilService backend = track(Backend.start());
        gateway = track(Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port(),
                                       "gateway.traffic.interval", "PT0.2S", "gateway.traffic.window", "PT60S"));
        MetricsText before = metrics();
        for (int i = 0; i < 30; i++) {
            assertThat(status(Method.GET, "/api/v1/logs/formats", null), is(200));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(status(Method.POST, "/api/v1/logs/analyze", new byte[200_000]), is(200));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(status(Method.GET, CHECKS, null), is(502));
        }
        MetricsText after = metrics();

        JsonObject traffic = trafficUntil(json -> route(json, LOGS).getJsonObject("summary").getInt("requests") == 35
                && route(json, CHECKS).getJsonObject("summary").getInt("requests") == 3);
        assertThat(traffic.getJsonNumber("intervalSeconds").doubleValue(), is(0.2));
        assertThat(traffic.getJsonNumber("windowSeconds").doubleValue(), is(60.0));
        JsonObject logs = route(traffic, LOGS);
        assertThat(logs.getString("upstream"), is("logparse"));
        JsonObject summary = logs.getJsonObject("summary");
        assertThat(summary.getInt("errors"), is(0));
        assertThat(summary.getJsonNumber("errorPercent").doubleValue(), is(0.0));
        assertThat(summary.getJsonNumber("requestsPerSecond").doubleValue(),
                   closeTo(35 / summary.getJsonNumber("seconds").doubleValue(), 0.1));
        double[] bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
        long[] cumulative = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            cumulative[i] = (long) delta(before, after, DURATION + "_bucket", "route", LOGS, "le", Double.toString(bounds[i]));
        }
        assertThat("p50 as histogram_quantile(0.5) over the scraped buckets",
                   summary.getJsonNumber("p50Ms").doubleValue(), closeTo(1000 * quantile(0.5, bounds, cumulative, 35), 0.002));
        assertThat("p99 as histogram_quantile(0.99) over the scraped buckets",
                   summary.getJsonNumber("p99Ms").doubleValue(), closeTo(1000 * quantile(0.99, bounds, cumulative, 35), 0.002));
        assertThat(summary.getJsonNumber("p50Ms").doubleValue(), lessThanOrEqualTo(summary.getJsonNumber("p99Ms").doubleValue()));

        long inPoints = logs.getJsonArray("points").stream().map(JsonValue::asJsonObject)
                .mapToLong(point -> point.getInt("requests")).sum();
        assertThat("the points add up to the summary", inPoints, is(35L));
        JsonObject checks = route(traffic, CHECKS).getJsonObject("summary");
        assertThat(checks.getInt("errors"), is(3));
        assertThat(checks.getJsonNumber("errorPercent").doubleValue(), is(100.0));
        JsonObject quiet = route(traffic, "/api/v1/health").getJsonObject("summary");
        assertThat(quiet.getInt("requests"), is(0));
        assertThat("no requests, no percentages", quiet.get("p99Ms"), is(JsonValue.NULL));
        assertThat(route(traffic, "(none)").containsKey("upstream"), is(false));
    }

    @Test
    void theTrafficWindowNeedsAKeyLikeTheRestOfTheApi() {
        gateway = track(Gateways.start("gateway.auth.mode", "api-key",
                                       "gateway.auth.keys.0.id", "ci", "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256));
        try (HttpClientResponse response = client().get("/api/v1/traffic").request()) {
            Problems.assertProblem(response, 401);
        }
        try (HttpClientResponse response = client().get("/api/v1/traffic")
                .header(io.vigil.gateway.auth.ApiKeyFilter.X_API_KEY, Gateways.KEY).request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/json"));
            assertThat(Problems.parse(response.as(String.class)).getJsonArray("routes").size(), is(5));
        }
    }

    /** Static quantile estimate, written out independently of the gateway's own. */
    private static double quantile(double q, double[] bounds, long[] cumulative, long count) {
        double rank = q * count;
        for (int i = 0; i < bounds.length; i++) {
            long below = i == 0 ? 0 : cumulative[i - 1];
            if (cumulative[i] >= rank && cumulative[i] > below) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                return lower + (bounds[i] - lower) * (rank - below) / (cumulative[i] - below);
            }
        }
        return bounds[bounds.length - 1];
    }

    private static void cutOff(ServerSocket upstream) {
        while (!upstream.isClosed()) {
            try (Socket socket = upstream.accept()) {
                InputStream in = socket.getInputStream();
                byte[] head = new byte[4096];
                int n = in.read(head);
                String request = n > 0 ? new String(head, 0, n, StandardCharsets.US_ASCII) : "";
                OutputStream out = socket.getOutputStream();
                if (request.startsWith("GET /observe/health/ready")) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                                  .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[100_000]);
                out.flush();
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }

    private static JsonObject route(JsonObject traffic, String name) {
        return traffic.getJsonArray("routes").stream().map(JsonValue::asJsonObject)
                .filter(route -> route.getString("route").equals(name)).findFirst().orElseThrow();
    }

    private JsonObject trafficUntil(Predicate<JsonObject> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonObject json;
        do {
            try (HttpClientResponse response = client().get("/api/v1/traffic").request()) {
                assertThat(response.status().code(), is(200));
                json = Problems.parse(response.as(String.class));
            }
            if (done.test(json)) {
                return json;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the traffic window never showed the requests: " + json);
    }

    private MetricsText eventually(Predicate<MetricsText> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        MetricsText metrics;
        do {
            metrics = metrics();
            if (done.test(metrics)) {
                return metrics;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        return metrics;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int status(Method method, String path, byte[] body) {
        var request = client().method(method).uri(path);
        try (HttpClientResponse response = body == null ? request.request() : request.submit(body)) {
            response.as(String.class);
            return response.status().code();
        }
    }

    private static double delta(MetricsText before, MetricsText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private MetricsText metrics() {
        try (HttpClientResponse response = client().get("/observe/metrics").request()) {
            return MetricsText.parse(response.as(String.class));
        }
    }

    private WebClient client() {
        return Gateways.client(gateway);
    }

    private VigilService track(VigilService service) {
        started.add(service);
        return service;
    }

}
