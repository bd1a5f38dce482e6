package io.vigil.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.endpoint.Resolver;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * An upstream of several endpoints, each a real server on loopback: a killed endpoint costs no GET and is back in
 * rotation soon after it is ready again, a draining one leaves the rotation before it refuses connections, requests
 * that never reached an endpoint go to another one whatever their method, and endpoints found by DNS come and go
 * while requests in flight finish. DNS is the one edge replaced: the gateway's {@link Resolver} is given a table
 * here, since a test cannot change the machine's DNS; the endpoints behind the names are real servers.
 */
class EndpointsIT {
    private static final Pattern GAUGE = Pattern.compile("^(vigil_gateway_endpoint_\\w+)\\{([^}]*)} ([0-9.]+)",
                                                         Pattern.MULTILINE);
    private static final String LINE = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 100 \"-\" \"curl\"\n";

    private final List<AutoCloseable> started = new ArrayList<>();
    private VigilService gateway;

    @AfterEach
    void stop() throws Exception {
        Gateways.stop(gateway);
        for (AutoCloseable service : started.reversed()) {
            service.close();
        }
    }

    @Test
    void aKilledEndpointCostsNoGetIsEjectedAtOnceAndReturnsWhenReady() throws Exception {
        ServiceProcess a = track(ServiceProcess.logparse());
        ServiceProcess b = track(ServiceProcess.logparse());
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", a.uri() + "," + b.uri());
        String endpointB = "127.0.0.1:" + b.port();
        Load load = new Load(gateway, 4, 2);
        load.start();
        awaitTrue("both endpoints serve", Duration.ofSeconds(20), () -> count(metrics(), "requests_total", endpointB,
                                                                                 "outcome=\"2xx\"") > 0);

        b.kill();
        long killed = System.nanoTime();
        awaitTrue("the killed endpoint leaves the rotation", Duration.ofSeconds(5), () -> outOfRotation(metrics(), endpointB));
        long ejectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        TimeUnit.MILLISECONDS.sleep(1_500);

        b.start();
        long ready = System.nanoTime();
        awaitTrue("the endpoint is back in rotation", Duration.ofSeconds(15), () -> !outOfRotation(metrics(), endpointB));
        long backMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready);
        double servedBefore = count(metrics(), "requests_total", endpointB, "outcome=\"2xx\"");
        awaitTrue("and serves again", Duration.ofSeconds(10),
                  () -> count(metrics(), "requests_total", endpointB, "outcome=\"2xx\"") > servedBefore);
        load.stop();
        String retries = retries(metrics());

        assertThat("GETs answered", load.gets.get(), greaterThan(50));
        assertThat("no GET failed " + load.errors + " " + retries, load.failedGets, is(empty()));
        assertThat("only uploads in flight on the killed endpoint may fail, with a 502 problem " + load.errors,
                   load.failedPosts,
                   everyItem(is(502)));
        assertThat("ejected within 1 s of the kill", ejectedMillis, lessThan(1_000L));
        assertThat("back in rotation within 5 s of being ready", backMillis, lessThan(5_000L));
    }

    @Test
    void aDrainingEndpointLeavesTheRotationBeforeItRefusesConnections() throws Exception {
        VigilService a = track(backend("a", "PT1.5S"));
        VigilService b = track(backend("b", "PT1.5S"));
        String endpointB = "127.0.0.1:" + b.port();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints",
                                 "http://127.0.0.1:" + a.port() + ",http://" + endpointB);
        Load load = new Load(gateway, 3, 2);
        load.start();
        TimeUnit.MILLISECONDS.sleep(500);

        Thread drain = Thread.ofVirtual().start(b::shutdown);
        awaitTrue("the draining endpoint leaves the rotation", Duration.ofSeconds(5),
                  () -> outOfRotation(metrics(), endpointB));
        drain.join(TimeUnit.SECONDS.toMillis(30));
        TimeUnit.MILLISECONDS.sleep(500);
        load.stop();

        assertThat(load.gets.get(), greaterThan(10));
        assertThat("no GET failed " + load.errors, load.failedGets, is(empty()));
        assertThat("no upload failed either", load.failedPosts, is(empty()));
        JsonArray readiness = health().getJsonObject("checks").getJsonArray("logparse:readiness");
        assertThat("the health report lists both endpoints", readiness.size(), is(2));
        JsonObject drained = readiness.getJsonObject(1);
        assertThat(readiness.toString(), drained.getString("endpoint"), is(endpointB));
        assertThat("one endpoint out while the other serves is a warning", drained.getString("status"), is("warn"));
        assertThat(readiness.getJsonObject(0).getString("status"), is("pass"));
    }

    @Test
    void aRequestThatNeverReachedAnEndpointGoesToAnotherWhateverItsMethod() throws Exception {
        VigilService live = track(backend("live", "PT0S"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints",
                                 "http://127.0.0.1:" + closed + ",http://127.0.0.1:" + live.port(),
                                 "gateway.upstreams.logparse.probe.interval", "PT1M");
        for (int i = 0; i < 20; i++) {
            try (HttpClientResponse response = client().post("/api/v1/logs/analyze").submit(LINE)) {
                assertThat("POST " + i, response.status().code(), is(200));
                assertThat(response.as(String.class), is("{\"served\":\"live\"}"));
            }
        }
        assertThat("the refusing endpoint is out of rotation", outOfRotation(metrics(), "127.0.0.1:" + closed), is(true));
    }

    @Test
    void anEndpointThatKeepsFailingIsEjectedWhileItsProbePasses() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        VigilService broken = track(VigilService.start("broken", TestConfig.of(), (routing, config) -> routing
                .get("/v1/formats", (req, res) -> {
                    dropped.incrementAndGet();
                    throw io.vigil.common.http.ConnectionAbort.abort(req, "dropping on purpose", null);
                })));
        VigilService live = track(backend("live", "PT0S"));
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints",
                                 "http://127.0.0.1:" + broken.port() + ",http://127.0.0.1:" + live.port(),
                                 "gateway.upstreams.logparse.retry.budget.min-retries", "100");
        for (int i = 0; i < 40; i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                assertThat("GET " + i + ": retried on the other endpoint", response.status().code(), is(200));
            }
        }
        String endpoint = "127.0.0.1:" + broken.port();
        assertThat("5 failures in a row eject it", dropped.get(), is(5));
        assertThat(gauge(metrics(), "ejected", endpoint), is(1.0));
        assertThat(gauge(metrics(), "ready", endpoint), is(1.0));
        assertThat(count(metrics(), "ejections_total", endpoint, ""), is(1.0));
        JsonObject entry = health().getJsonObject("checks").getJsonArray("logparse:readiness").getJsonObject(0);
        assertThat(entry.getBoolean("ejected"), is(true));
        assertThat(entry.getString("status"), is("warn"));
    }

    @Test
    void aGetAnsweredWith503ByAnEndpointThatIsGoingAwayIsAskedOfAnother() throws Exception {
        AtomicBoolean going = new AtomicBoolean();
        VigilService closing = track(VigilService.start("closing", TestConfig.of(), (routing, config) -> routing
                .get("/ready", (req, res) -> res.status(going.get() ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200).send())
                .get("/v1/formats", (req, res) -> {
                    going.set(true);
                    res.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderValues.CONNECTION_CLOSE).send("going away");
                })));
        VigilService live = track(VigilService.start("live", TestConfig.of(), (routing, config) -> routing
                .get("/ready", (req, res) -> res.send())
                .get("/v1/formats", (req, res) -> res.send("{\"formats\":[]}"))));
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints",
                                 "http://127.0.0.1:" + closing.port() + ",http://127.0.0.1:" + live.port(),
                                 "gateway.upstreams.logparse.probe.path", "/ready",
                                 "gateway.upstreams.logparse.probe.interval", "PT1M");
        for (int i = 0; i < 50 && !going.get(); i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                assertThat("GET " + i, response.status().code(), is(200));
            }
        }
        assertThat("the endpoint going away was asked", going.get(), is(true));
        awaitTrue("its probe took it out", Duration.ofSeconds(5), () -> outOfRotation(metrics(), "127.0.0.1:" + closing.port()));
        for (int i = 0; i < 10; i++) {
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
                assertThat(response.status().code(), is(200));
            }
        }
        assertThat("its 503 was replaced by another endpoint's answer",
                   count(metrics(), "requests_total", "127.0.0.1:" + closing.port(), "outcome=\"5xx\""), is(1.0));
    }

    @Test
    void endpointsFoundByDnsComeAndGoWhileRequestsInFlightFinish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger onFirst = new AtomicInteger();
        AtomicInteger onSecond = new AtomicInteger();
        VigilService first = track(VigilService.start("first", TestConfig.of("server.host", "127.0.0.1"), (routing, config) ->
                routing.get("/v1/formats", (req, res) -> {
                    onFirst.incrementAndGet();
                    if (req.query().contains("hang")) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    res.send("first");
                })));
        VigilService second = track(VigilService.start("second", TestConfig.of("server.host", "127.0.0.2",
                                                                                "server.port", String.valueOf(first.port())),
                                                        (routing, config) -> routing.get("/v1/formats", (req, res) -> {
                                                            onSecond.incrementAndGet();
                                                            res.send("second");
                                                        })));
        AtomicReference<List<String>> records = new AtomicReference<>(List.of("127.0.0.1"));
        Resolver dns = host -> {
            if (!host.equals("logparse-endpoints")) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : records.get()) {
                addresses.add(InetAddress.getByName(address));
            }
            return addresses;
        };
        gateway = VigilService.start("gateway", Gateways.config("gateway.upstreams.logparse.dns",
                                                                "http://logparse-endpoints:" + first.port(),
                                                                "gateway.upstreams.logparse.discovery-interval", "PT0.1S"),
                                     (routing, config) -> Main.routing(routing, config, dns), Main::server);

        assertThat(formats(), is("first"));
        records.set(List.of("127.0.0.1", "127.0.0.2"));
        awaitTrue("the new endpoint takes requests", Duration.ofSeconds(10), () -> "second".equals(formats()));

        AtomicReference<String> inFlight = new AtomicReference<>();
        Thread hanging = Thread.ofVirtual().start(() -> inFlight.set(formatsWhileOnFirst(onFirst)));
        awaitTrue("a request hangs on the first endpoint", Duration.ofSeconds(10), () -> hanging.isAlive() && onFirst.get() > 0
                && inFlightOnFirst.get());
        records.set(List.of("127.0.0.2"));
        awaitTrue("the first endpoint is gone", Duration.ofSeconds(10), () -> !metrics().contains("127.0.0.1:" + first.port()));
        int before = onFirst.get();
        for (int i = 0; i < 10; i++) {
            assertThat(formats(), is("second"));
        }
        assertThat("no new request reached the removed endpoint", onFirst.get(), is(before));
        release.countDown();
        hanging.join(TimeUnit.SECONDS.toMillis(30));
        assertThat("the request in flight on the removed endpoint finished", inFlight.get(), is("first"));
        assertThat(onSecond.get(), greaterThan(10));
    }

    private final AtomicBoolean inFlightOnFirst = new AtomicBoolean();

    /** Sends hanging requests until one lands on the first endpoint, and returns that one's answer. */
    private String formatsWhileOnFirst(AtomicInteger onFirst) {
        while (true) {
            int before = onFirst.get();
            inFlightOnFirst.set(false);
            Thread watcher = Thread.ofVirtual().start(() -> {
                while (onFirst.get() == before && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                inFlightOnFirst.set(onFirst.get() > before);
            });
            try (HttpClientResponse response = client().get("/api/v1/logs/formats").queryParam("hang", "yes").request()) {
                String body = response.as(String.class);
                watcher.interrupt();
                if ("first".equals(body)) {
                    return body;
                }
            }
        }
    }

    /** A stand-in logparse that says which it is; its drain delay keeps it serving that long after readiness is down. */
    private static VigilService backend(String name, String drainDelay) {
        return VigilService.start(name, TestConfig.of("server.drain.delay", drainDelay), (routing, config) -> routing
                .get("/v1/formats", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/json")
                        .send("{\"formats\":[]}"))
                .post("/v1/analyze", (req, res) -> {
                    req.content().consume();
                    res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"served\":\"" + name + "\"}");
                }));
    }

    private <T extends AutoCloseable> T track(T service) {
        started.add(service);
        return service;
    }

    private VigilService track(VigilService service) {
        started.add(service::shutdown);
        return service;
    }

    private String formats() {
        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            return response.as(String.class);
        }
    }

    private WebClient client() {
        return Gateways.client(gateway);
    }

    private String metrics() {
        try (HttpClientResponse response = client().get("/observe/metrics").request()) {
            return response.as(String.class);
        }
    }

    /** The upstream's retry counters, so that a failure says whether its budget ran out. */
    private static String retries(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("vigil_gateway_upstream_retries")).toList().toString();
    }

    private JsonObject health() {
        try (HttpClientResponse response = client().get("/api/v1/health").request()) {
            return Problems.parse(response.as(String.class));
        }
    }

    /** Ejected, or found not ready by its probe. */
    private static boolean outOfRotation(String metrics, String endpoint) {
        return gauge(metrics, "ejected", endpoint) == 1.0 || gauge(metrics, "ready", endpoint) == 0.0;
    }

    private static double gauge(String metrics, String name, String endpoint) {
        return count(metrics, name, endpoint, "");
    }

    private static double count(String metrics, String name, String endpoint, String label) {
        Matcher line = GAUGE.matcher(metrics);
        while (line.find()) {
            if (line.group(1).equals("vigil_gateway_endpoint_" + name) && line.group(2).contains("endpoint=\"" + endpoint + "\"")
                    && line.group(2).contains(label)) {
                return Double.parseDouble(line.group(3));
            }
        }
        return -1;
    }

    private static void awaitTrue(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + bound);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * Steady GETs of the formats and small uploads, on keep-alive connections, counting what did not answer 200.
     *
     * <p>The load uses the JDK's HTTP client, one per thread, rather than Helidon's WebClient: in Helidon 4.1.2 the
     * WebClient's connection cache is shared by every client in the JVM, and its idle-connection monitor can take the
     * first byte of the next answer on a reused connection (helidon-io/helidon#10861): the client then fails the call
     * with "Protocol is not HTTP" on an answer that starts "TTP/1.1", which this test reported as a failed request.
     */
    private static final class Load {
        private final VigilService gateway;
        private final int getters;
        private final int posters;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger gets = new AtomicInteger();
        private final List<Integer> failedGets = new CopyOnWriteArrayList<>();
        private final List<Integer> failedPosts = new CopyOnWriteArrayList<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final Map<Thread, Boolean> threads = new ConcurrentHashMap<>();

        Load(VigilService gateway, int getters, int posters) {
            this.gateway = gateway;
            this.getters = getters;
            this.posters = posters;
        }

        void start() {
            for (int i = 0; i < getters + posters; i++) {
                boolean post = i >= getters;
                threads.put(Thread.ofVirtual().start(() -> run(post)), post);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads.keySet()) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }

        /** An exception and its causes, so that a failed call says what failed underneath the client's wrapper. */
        private static String chain(Throwable e) {
            StringBuilder text = new StringBuilder(String.valueOf(e));
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                text.append(" <- ").append(cause);
            }
            return text.toString();
        }

        private void run(boolean post) {
            URI base = URI.create("http://127.0.0.1:" + gateway.port());
            HttpRequest request = post
                    ? HttpRequest.newBuilder(base.resolve("/api/v1/logs/analyze")).timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(LINE)).build()
                    : HttpRequest.newBuilder(base.resolve("/api/v1/logs/formats")).timeout(Duration.ofSeconds(20)).GET().build();
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build()) {
                while (running.get() && !Thread.currentThread().isInterrupted()) {
                    int status = call(client, request, post);
                    if (status != 200) {
                        (post ? failedPosts : failedGets).add(status);
                    } else if (!post) {
                        gets.incrementAndGet();
                    }
                }
            }
        }

        /** One call: 200, another status (-2 when it is not a problem document), or -1 when the call failed. */
        private int call(HttpClient client, HttpRequest request, boolean post) {
            String method = post ? "POST: " : "GET: ";
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return status;
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                errors.add(method + status + " " + type + " " + response.body());
                return type.startsWith("application/problem+json") ? status : -2;
            } catch (IOException e) {
                errors.add(method + chain(e));
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
