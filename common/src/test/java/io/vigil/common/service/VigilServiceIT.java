package io.vigil.common.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.http.ConnectionAbort;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.RequestId;
import io.vigil.common.http.RequestIdClientService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class VigilServiceIT {
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Own threads: the common pool has a single thread on a 2-core machine and would serialise the test. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private VigilService service;
    private VigilService other;

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
        for (VigilService running : new VigilService[] {service, other}) {
            if (running != null) {
                running.shutdown();
            }
        }
    }

    @Test
    void servesHealthAndPrometheusMetrics() {
        service = start("server.drain.timeout", "PT1S");
        WebClient client = client(service);

        try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
            assertThat(ready.status().code(), is(200));
            assertThat(ready.as(String.class), containsString("\"status\":\"UP\""));
        }
        try (HttpClientResponse live = client.get("/observe/health/live").request()) {
            assertThat(live.status().code(), is(200));
        }
        try (HttpClientResponse metrics = client.get("/observe/metrics").request()) {
            assertThat(metrics.status().code(), is(200));
            assertThat(metrics.headers().contentType().orElseThrow().text(), startsWith("text/plain"));
            assertThat(metrics.as(String.class), containsString("# TYPE "));
        }
    }

    @Test
    void requestsRejectedBeforeRoutingAreProblemsToo() throws IOException {
        service = start("server.max-payload-size", "16");

        String malformed = rawExchange(service.port(), "NOT A REQUEST LINE\r\n\r\n");
        assertThat(malformed, startsWith("HTTP/1.1 400 "));
        assertThat(malformed, containsString("Content-Type: application/problem+json"));
        assertThat(malformed, containsString("\"status\":400"));

        String tooLarge = rawExchange(service.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nX-Request-Id: big-1\r\n"
                + "Content-Length: 100\r\n\r\n" + "x".repeat(100));
        assertThat(tooLarge, startsWith("HTTP/1.1 413 "));
        assertThat(tooLarge, containsString("\"status\":413"));
        assertThat(tooLarge, containsString("\"requestId\":\"big-1\""));
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws IOException {
        service = start();

        String response = rawExchange(service.port(), "GET /seen-id HTTP/1.1\r\nHost: x\r\nX-Request-Id: big-h\r\n"
                + "X-Filler: " + "f".repeat(20_000) + "\r\n\r\n");

        assertThat(response, startsWith("HTTP/1.1 431 "));
        assertThat(response, containsString("Content-Type: application/problem+json"));
        assertThat(response, containsString("\"status\":431"));
        assertThat(response, containsString("\"title\":\"Request Header Fields Too Large\""));
    }

    @Test
    void anAbortedResponseClosesTheConnectionWithoutLookingComplete() throws IOException {
        service = start();

        String response = rawExchange(service.port(), "GET /partial HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response, startsWith("HTTP/1.1 200 "));
        assertThat(response, containsString("Transfer-Encoding: chunked"));
        assertThat(response, containsString("x".repeat(1000)));
        assertThat("no terminating chunk", response.endsWith("0\r\n\r\n"), is(false));
    }

    @Test
    void problemExceptionsCarryTheirHeaders() {
        service = start();
        try (HttpClientResponse response = client(service).get("/later").request()) {
            Problems.assertProblem(response, 503);
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("7"));
        }
    }

    @Test
    void aServerSetupAdjustsTheListener() throws IOException {
        service = VigilService.start("test-service", TestConfig.of(), (routing, ignored) -> routing
                .post("/echo", (req, res) -> res.send(req.content().as(String.class))),
                                     (server, config) -> server.maxPayloadSize(8));

        String tooLarge = rawExchange(service.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n"
                + "x".repeat(9));

        assertThat(tooLarge, startsWith("HTTP/1.1 413 "));
    }

    @Test
    void shutdownWaitsForInFlightRequestsWhileReadinessIsDown() throws Exception {
        service = start("server.drain.timeout", "PT15S");
        WebClient client = client(service);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try (HttpClientResponse response = client.get("/slow").request()) {
                return response.status().code() + " " + response.as(String.class);
            }
        }, threads);
        assertThat(slowStarted.await(BOUND.toSeconds(), TimeUnit.SECONDS), is(true));

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(service::shutdown, threads);
        awaitReadiness(client, 503);
        assertThat(shutdown.isDone(), is(false));
        try (HttpClientResponse during = client.get("/seen-id").request()) {
            assertThat("requests arriving while draining are served, on connections that close",
                       during.status().code() + " " + during.headers().first(HeaderNames.CONNECTION).orElse(""),
                       is("200 close"));
        }

        release.countDown();
        assertThat(slow.get(BOUND.toSeconds(), TimeUnit.SECONDS), is("200 finished"));
        shutdown.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        WebClient fresh = client(service);
        assertThrows(UncheckedIOException.class, () -> fresh.get("/observe/health/live").request().close());
    }

    @Test
    void shutdownGivesUpOnRequestsThatOutliveTheDrainTimeout() {
        service = start("server.drain.timeout", "PT0.2S");
        WebClient client = client(service);
        CompletableFuture.runAsync(() -> client.get("/slow").request().close(), threads);

        assertTimeoutPreemptively(BOUND, () -> {
            assertThat(slowStarted.await(BOUND.toSeconds(), TimeUnit.SECONDS), is(true));
            service.shutdown();
        });
    }

    @Test
    void outgoingCallsCarryTheRequestId() {
        other = start();
        WebClient toOther = WebClient.builder()
                .baseUri("http://127.0.0.1:" + other.port())
                .addService(new RequestIdClientService())
                .build();
        service = VigilService.start("caller", TestConfig.of(), (routing, config) -> routing.get("/call", (req, res) -> {
            try (HttpClientResponse response = toOther.get("/seen-id").request()) {
                res.send(response.as(String.class));
            }
        }));

        try (HttpClientResponse response = client(service).get("/call").header(RequestId.HEADER, "trace-me").request()) {
            assertThat(response.as(String.class), is("trace-me"));
        }
    }

    @Test
    void encodedBodiesReachHandlersExactlyAsSent() {
        service = start();
        byte[] gzipMagic = {0x1f, (byte) 0x8b, 8, 0};
        for (String encoding : new String[] {"gzip", "br"}) {
            try (HttpClientResponse response = client(service).post("/raw")
                    .header(HeaderNames.CONTENT_ENCODING, encoding)
                    .submit(gzipMagic)) {
                assertThat(response.status().code(), is(200));
                assertThat(response.as(String.class), is(encoding + " [31, -117, 8, 0]"));
            }
        }
    }

    @Test
    void aServiceCanAddHealthChecksOfItsOwn() {
        AtomicBoolean warmedUp = new AtomicBoolean();
        HealthCheck warmUp = new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return "warm-up";
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder().status(warmedUp.get()).build();
            }
        };
        service = VigilService.start("test-service", TestConfig.of(), (routing, config, healthChecks) -> {
            healthChecks.accept(warmUp);
            routing.get("/seen-id", (req, res) -> res.send("routes still work"));
        });
        WebClient client = client(service);

        try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
            assertThat(ready.status().code(), is(503));
            String body = ready.as(String.class);
            assertThat(body, containsString("\"name\":\"warm-up\""));
            assertThat(body, containsString("\"name\":\"serving\""));
        }
        warmedUp.set(true);
        try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
            assertThat(ready.status().code(), is(200));
        }
        try (HttpClientResponse live = client.get("/observe/health/live").request()) {
            assertThat("a readiness check does not affect liveness", live.status().code(), is(200));
        }
        try (HttpClientResponse response = client.get("/seen-id").request()) {
            assertThat(response.as(String.class), is("routes still work"));
        }
    }

    @Test
    void invalidServerConfigurationStopsStartUp() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> start("server.port", "http"));
        assertThat(e.key(), is("server.port"));
    }

    @Test
    void aTakenPortFailsStartUp() {
        other = start();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                                              () -> start("server.port", String.valueOf(other.port())));
        assertThat(e.getCause().getClass().getSimpleName(), is("BindException"));
    }

    @Test
    void problemsFromRoutesKeepTheRequestId() {
        service = start();
        try (HttpClientResponse response = client(service).get("/missing").header(RequestId.HEADER, "r-9").request()) {
            JsonObject problem = Problems.assertProblem(response, 404);
            assertThat(problem.getString("requestId"), is("r-9"));
        }
    }

    @Test
    void badRequestExceptionsTakeHelidonsDirectPathAndStillBecomeProblems() {
        service = start();
        try (HttpClientResponse response = client(service).get("/bad").header(RequestId.HEADER, "r-400").request()) {
            JsonObject problem = Problems.assertProblem(response, 400);
            assertThat(problem.getString("detail"), is("q: missing (expected: a search term)"));
            assertThat(problem.getString("requestId"), is("r-400"));
        }
    }

    private VigilService start(String... config) {
        return VigilService.start("test-service", TestConfig.of(config), (routing, ignored) -> routing
                .get("/slow", (req, res) -> {
                    slowStarted.countDown();
                    release.await();
                    res.send("finished");
                })
                .get("/seen-id", (req, res) -> res.send(req.headers().first(RequestId.HEADER).orElse("none")))
                .get("/bad", (req, res) -> {
                    throw new BadRequestException("q: missing (expected: a search term)");
                })
                .post("/echo", (req, res) -> res.send(req.content().as(String.class)))
                .post("/raw", (req, res) -> res.send(req.headers().first(HeaderNames.CONTENT_ENCODING).orElse("none") + " "
                        + Arrays.toString(req.content().as(byte[].class))))
                .get("/partial", (req, res) -> {
                    OutputStream out = res.outputStream();
                    out.write("x".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    throw ConnectionAbort.abort(req, "giving up mid-body", null);
                })
                .get("/later", (req, res) -> {
                    throw new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE_503, "busy"),
                                               HeaderValues.create(HeaderNames.RETRY_AFTER, "7"));
                }));
    }

    private static WebClient client(VigilService service) {
        return WebClient.builder()
                .baseUri("http://127.0.0.1:" + service.port())
                .readTimeout(BOUND)
                .build();
    }

    private static void awaitReadiness(WebClient client, int status) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
                if (ready.status().code() == status) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("readiness never answered " + status);
    }

    private static String rawExchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
