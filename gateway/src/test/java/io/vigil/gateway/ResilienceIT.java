package io.vigil.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.http.ConnectionAbort;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.proxy.UpstreamProblems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fault tolerance against real Helidon backends that fail, hang or drop connections: retries only where safe
 * and within the budget, the circuit breaker, the bulkhead, and the deadline.
 */
class ResilienceIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger dropFirst = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private VigilService backend;
    private VigilService gateway;

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
        Gateways.stop(gateway, backend);
    }

    @Test
    void aDroppedGetIsRetriedButADroppedPostIsNot() {
        startBackend();
        gateway = gateway();
        dropFirst.set(1);

        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            assertThat(response.status().code(), is(200));
        }
        assertThat("one dropped attempt and one retry", calls.get(), is(2));

        calls.set(0);
        dropFirst.set(1);
        try (HttpClientResponse response = client().post("/api/v1/logs/analyze").submit("log line")) {
            JsonObject problem = Problems.assertProblem(response, 502);
            assertThat(problem.getString("type"), is(UpstreamProblems.FAILED));
            assertThat(problem.getString("upstream"), is("logparse"));
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("1"));
        }
        assertThat("a request with a body is never sent twice", calls.get(), is(1));
        String metrics = metrics();
        assertThat(metrics, containsString("vigil_gateway_upstream_retries_total{result=\"sent\""));
        assertThat(metrics, containsString("vigil_gateway_upstream_requests_total{outcome=\"2xx\""));
        assertThat(metrics, containsString("vigil_gateway_upstream_requests_total{outcome=\"broken\""));
        assertThat(metrics, containsString("vigil_gateway_upstream_latency_seconds_count{"));
    }

    @Test
    void retriesStopWhenTheBudgetIsSpent() {
        startBackend();
        // No idle connections: a request dropped on a reused one would be sent again as a matter of course.
        gateway = gateway("gateway.upstreams.logparse.retry.budget.percent", "0",
                          "gateway.upstreams.logparse.retry.budget.min-retries", "1",
                          "gateway.upstreams.logparse.pool.max-idle", "0");

        dropFirst.set(1);
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            assertThat("the one retry the budget allows", response.status().code(), is(200));
        }
        calls.set(0);
        dropFirst.set(1);
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            Problems.assertProblem(response, 502);
        }
        assertThat("no retry once the budget is spent", calls.get(), is(1));
        assertThat(metrics(), containsString("result=\"budget-exhausted\""));
    }

    @Test
    void theCircuitOpensRejectsWithoutCallingAndClosesAfterRecovery() {
        startBackend();
        gateway = gateway("gateway.upstreams.logparse.circuit-breaker.volume", "4",
                          "gateway.upstreams.logparse.circuit-breaker.error-ratio", "50",
                          "gateway.upstreams.logparse.circuit-breaker.delay", "PT2S",
                          "gateway.upstreams.logparse.circuit-breaker.success-threshold", "1");
        failing.set(true);
        for (int i = 0; i < 4; i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                assertThat("the upstream's own 503 passes through", response.status().code(), is(503));
                assertThat(response.as(String.class), is("overloaded"));
            }
        }
        int before = calls.get();

        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            JsonObject problem = Problems.assertProblem(response, 503);
            assertThat(problem.getString("type"), is(UpstreamProblems.CIRCUIT_OPEN));
            assertThat(problem.getString("upstream"), is("logparse"));
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("2"));
        }
        assertThat("an open circuit does not call the upstream", calls.get(), is(before));
        assertThat(metrics(), containsString("vigil_gateway_upstream_circuit_state{"));

        failing.set(false);
        assertTimeoutPreemptively(BOUND, () -> {
            int status;
            do {
                TimeUnit.MILLISECONDS.sleep(100);
                try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                    status = response.status().code();
                }
            } while (status != 200);
        });
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            assertThat("closed again", response.status().code(), is(200));
        }
    }

    @Test
    void anUnreachableUpstreamIsABadGatewayWorthRetryingShortly() {
        gateway = gateway("gateway.upstreams.logparse.retry.max-attempts", "1");

        try (HttpClientResponse response = client().post("/api/v1/logs/analyze").submit("log line")) {
            JsonObject problem = Problems.assertProblem(response, 502);
            assertThat(problem.getString("type"), is(UpstreamProblems.UNREACHABLE));
            assertThat("a restarting upstream refuses connections for a moment",
                       response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("1"));
        }
    }

    @Test
    void aFailingHealthReportPassesThroughWithoutOpeningTheCircuit() {
        startBackend();
        gateway = gateway("gateway.upstreams.logparse.circuit-breaker.volume", "4",
                          "gateway.upstreams.logparse.circuit-breaker.error-ratio", "50");
        failing.set(true);
        for (int i = 0; i < 8; i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").queryParam("report", "yes").request()) {
                assertThat("a report that a dependency fails is an answer, not a failure of the upstream",
                           response.status().code(), is(503));
                assertThat(response.headers().first(HeaderNames.CONTENT_TYPE).orElse(""), is("application/health+json"));
            }
        }
        assertThat("still closed", metrics(),
                   containsString("vigil_gateway_upstream_circuit_state{scope=\"application\",upstream=\"logparse\",} 0.0"));
    }

    @Test
    void aFullBulkheadRejectsAtOnce() throws Exception {
        startBackend();
        gateway = gateway("gateway.upstreams.logparse.bulkhead.limit", "1", "gateway.upstreams.logparse.bulkhead.queue", "0");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").queryParam("hang", "yes").request()) {
                return response.status().code();
            }
        }, threads);
        assertThat(entered.await(BOUND.toSeconds(), TimeUnit.SECONDS), is(true));

        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            JsonObject problem = Problems.assertProblem(response, 503);
            assertThat(problem.getString("type"), is(UpstreamProblems.BUSY));
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("1"));
        }
        release.countDown();
        assertThat(first.get(BOUND.toSeconds(), TimeUnit.SECONDS), is(200));
        assertThat(metrics(), containsString("reason=\"bulkhead-full\""));
    }

    @Test
    void theDeadlineEndsARequestWhileTheUpstreamStillHangs() {
        startBackend();
        gateway = gateway("gateway.upstreams.logparse.deadline", "PT0.5S", "gateway.upstreams.logparse.read-timeout", "PT20S");

        long start = System.nanoTime();
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").queryParam("hang", "yes").request()) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            JsonObject problem = Problems.assertProblem(response, 504);
            assertThat(problem.getString("type"), is(UpstreamProblems.TIMEOUT));
            assertThat(problem.getString("detail"), is("Upstream 'logparse' did not answer within the deadline PT0.5S"));
            assertThat(elapsed, greaterThanOrEqualTo(450L));
            assertThat(elapsed, lessThan(10_000L));
        }
        assertThat("the upstream is still hanging", finished.get(), is(false));
    }

    @Test
    void theDeadlineAlsoEndsARequestWhoseUpstreamSentItsHeadButNoBody() throws Exception {
        // The relay answers the client with the first bytes of the body (a small one whole): until then the client has
        // no response head, so the deadline, not the 20 s read timeout, bounds the wait.
        for (String head : List.of("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n",
                                   "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")) {
            try (ServerSocket stalling = new ServerSocket(0)) {
                threads.submit(() -> {
                    try (Socket socket = stalling.accept()) {
                        socket.getInputStream().read(new byte[4096]);
                        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                    }
                    return null;
                });
                gateway = gateway("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + stalling.getLocalPort(),
                                  "gateway.upstreams.logparse.deadline", "PT0.5S",
                                  "gateway.upstreams.logparse.read-timeout", "PT20S");

                long start = System.nanoTime();
                try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    JsonObject problem = Problems.assertProblem(response, 504);
                    assertThat(head, problem.getString("detail"),
                               is("Upstream 'logparse' did not answer within the deadline PT0.5S"));
                    assertThat(head, elapsed, greaterThanOrEqualTo(450L));
                    assertThat(head, elapsed, lessThan(10_000L));
                }
                Gateways.stop(gateway);
                gateway = null;
            }
        }
    }

    @Test
    void aResponseThatIsNotHttpIsABadGateway() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0)) {
            threads.submit(() -> {
                while (true) {
                    try (Socket socket = garbage.accept()) {
                        socket.getInputStream().read(new byte[4096]);
                        socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            });
            gateway = gateway("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + garbage.getLocalPort(),
                              "gateway.upstreams.logparse.retry.max-attempts", "1");

            try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                JsonObject problem = Problems.assertProblem(response, 502);
                assertThat(problem.getString("type"), is(UpstreamProblems.FAILED));
                assertThat(problem.getString("detail"), containsString("status line is not HTTP/1.x"));
            }
        }
    }

    @Test
    void anUpstreamThatDiesMidBodyCutsTheClientConnection() throws IOException {
        backend = VigilService.start("dying-backend", TestConfig.of(), (routing, config) -> routing.get("/v1/formats",
                (req, res) -> {
                    OutputStream out = res.outputStream();
                    out.write(new byte[100_000]);
                    out.flush();
                    throw ConnectionAbort.abort(req, "dying on purpose", null);
                }));
        gateway = gateway("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port());

        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("GET /api/v1/logs/formats HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Head head = http.head();
            assertThat(head.status(), is(200));
            InputStream body = http.body(head);
            assertThrows(IOException.class, () -> body.transferTo(OutputStream.nullOutputStream()),
                         "a truncated body must not end like a complete one");
        }
    }

    private void startBackend() {
        backend = VigilService.start("flaky-backend", TestConfig.of(), (routing, config) -> routing
                .get("/v1/formats", (req, res) -> {
                    calls.incrementAndGet();
                    if (dropFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw ConnectionAbort.abort(req, "dropping on purpose", null);
                    }
                    if (req.query().contains("hang")) {
                        entered.countDown();
                        release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                        finished.set(true);
                    }
                    if (failing.get() && req.query().contains("report")) {
                        res.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderNames.CONTENT_TYPE, "application/health+json")
                                .send("{\"status\":\"fail\"}");
                        return;
                    }
                    if (failing.get()) {
                        res.status(Status.SERVICE_UNAVAILABLE_503).send("overloaded");
                        return;
                    }
                    res.send("{\"formats\":[]}");
                })
                .post("/v1/analyze", (req, res) -> {
                    calls.incrementAndGet();
                    req.content().consume();
                    if (dropFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw ConnectionAbort.abort(req, "dropping on purpose", null);
                    }
                    res.send("{}");
                }));
    }

    private VigilService gateway(String... overrides) {
        String[] pairs = new String[overrides.length + 2];
        pairs[0] = "gateway.upstreams.logparse.endpoints";
        pairs[1] = backend == null ? "http://127.0.0.1:9" : "http://127.0.0.1:" + backend.port();
        System.arraycopy(overrides, 0, pairs, 2, overrides.length);
        return Gateways.start(pairs);
    }

    private WebClient client() {
        return Gateways.client(gateway);
    }

    private String metrics() {
        try (HttpClientResponse response = client().get("/observe/metrics").request()) {
            return response.as(String.class);
        }
    }
}
