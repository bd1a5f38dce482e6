package io.vigil.gateway;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.vigil.common.logging.JsonLogFormatter;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.gateway.auth.ApiKeyFilter;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Access control and limits: API keys, rate limits, body and header sizes, slow and stalled clients; every
 * rejection a problem document.
 */
class AccessIT {
    private static final String OTHER_KEY = "another-key";

    private VigilService backend;
    private VigilService gateway;

    @AfterEach
    void stop() {
        Gateways.stop(gateway, backend);
    }

    @Test
    void apiKeysAreRequiredOnTheApiOnly() {
        backend = Backend.start();
        gateway = withKeys();

        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/logs/formats").request()) {
            JsonObject problem = Problems.assertProblem(response, 401);
            assertThat(problem.getString("type"), is("urn:vigil:problem:unauthorized"));
            assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE).orElse(""), is("Bearer realm=\"vigil\""));
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/logs/formats")
                .header(HeaderNames.AUTHORIZATION, "Bearer wrong-key").request()) {
            Problems.assertProblem(response, 401);
            assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE).orElse(""),
                       is("Bearer realm=\"vigil\", error=\"invalid_token\""));
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/logs/formats")
                .header(HeaderNames.AUTHORIZATION, "Basic dXNlcjpwdw==").request()) {
            Problems.assertProblem(response, 401);
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/logs/formats")
                .header(HeaderNames.AUTHORIZATION, "bearer " + Gateways.KEY).request()) {
            assertThat(response.status().code(), is(200));
        }
        for (String open : new String[] {"/observe/health/ready", "/observe/metrics", "/openapi"}) {
            try (HttpClientResponse response = Gateways.client(gateway).get(open).request()) {
                assertThat(open, response.status().code(), is(200));
            }
        }
    }

    @Test
    void theKeyNeverReachesTheUpstreamOrTheLogsButItsIdDoes() {
        backend = Backend.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("io.vigil.gateway.proxy.FailureResponses");
        Handler capture = new Handler() {
            private final JsonLogFormatter formatter = new JsonLogFormatter();

            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            gateway = withKeys();
            try (HttpClientResponse response = Gateways.client(gateway).post("/api/v1/logs/analyze")
                    .header(ApiKeyFilter.X_API_KEY, Gateways.KEY).submit("line")) {
                JsonObject headers = Problems.parse(response.as(String.class)).getJsonObject("headers");
                assertThat(headers.containsKey("x-api-key"), is(false));
                assertThat(headers.containsKey("authorization"), is(false));
            }
            try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health/checks")
                    .header(HeaderNames.AUTHORIZATION, "Bearer " + Gateways.KEY).request()) {
                Problems.assertProblem(response, 502);
            }
        } finally {
            logger.removeHandler(capture);
        }
        String failure = lines.stream().filter(line -> line.contains("refused")).findFirst().orElse("");
        assertThat(failure, containsString("\"keyId\":\"test-client\""));
        assertThat(String.join("", lines), not(containsString(Gateways.KEY)));
    }

    @Test
    void eachKeyHasItsOwnTokenBucket() {
        backend = Backend.start();
        gateway = withKeys("gateway.rate-limit.requests-per-second", "1", "gateway.rate-limit.burst", "2");

        assertThat("the burst", formats(Gateways.KEY) + " " + formats(Gateways.KEY), is("200 200"));
        try (HttpClientResponse response = untilLimited(Gateways.KEY)) {
            JsonObject problem = Problems.assertProblem(response, 429);
            assertThat(problem.getString("type"), is("urn:vigil:problem:rate-limited"));
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("1"));
        }
        assertThat("another key is not limited by the first one's traffic", formats(OTHER_KEY), is(200));
    }

    @Test
    void withoutAuthenticationTheLimitIsPerClientAddress() {
        backend = Backend.start();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port(),
                                 "gateway.rate-limit.requests-per-second", "1", "gateway.rate-limit.burst", "1");

        assertThat(formats(null), is(200));
        try (HttpClientResponse response = untilLimited(null)) {
            assertThat(Problems.assertProblem(response, 429).getString("detail"), containsString("from this address"));
        }
    }

    @Test
    void bodiesOverTheLimitAre413WithOrWithoutALength() throws IOException {
        backend = Backend.start();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port(),
                                 "gateway.limits.max-body-size", "1KiB");

        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n");
            RawHttp.Head head = http.head();
            assertThat(head.status(), is(413));
            assertThat(RawHttp.header(head, "Content-Type"), is("application/problem+json"));
            assertThat(http.text(head), containsString("\"status\":413"));
        }
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[600];
            try {
                http.chunk(chunk, chunk.length).chunk(chunk, chunk.length);
            } catch (IOException e) {
                // The gateway may answer and close before the second chunk is written (a broken pipe here);
                // its answer is still in the socket to read.
            }
            RawHttp.Head head = http.head();
            assertThat(head.status(), is(413));
            assertThat(http.text(head), containsString("larger than the gateway accepts (1024 bytes)"));
            assertThat("the rest of the body is not read: the connection closes", http.drain(), is(0L));
        }
    }

    @Test
    void oversizedHeadersAre431() throws IOException {
        gateway = Gateways.start();
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("GET /api/v1/logs/formats HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
            RawHttp.Head head = http.head();
            assertThat(head.status(), is(431));
            assertThat(http.text(head), containsString("\"status\":431"));
        }
    }

    @Test
    void aClientThatPausesItsBodyGets408AndIsDisconnected() throws IOException {
        backend = Backend.start();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port(),
                                 "gateway.limits.body-read-timeout", "PT0.3S");
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            RawHttp.Head head = http.head();
            assertThat(head.status(), is(408));
            JsonObject problem = Problems.parse(http.text(head));
            assertThat(problem.getString("type"), is("urn:vigil:problem:request-timeout"));
            assertThat(RawHttp.header(head, "Connection"), is("close"));
            assertThat(http.drain(), is(0L));
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnected() throws Exception {
        backend = Backend.start();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port(),
                                 "gateway.limits.client-write-timeout", "PT0.3S");
        long size = 512L << 20;
        try (RawHttp http = new RawHttp(gateway.port(), 8192)) {
            http.send("GET /api/v1/logs/formats?size=" + size + " HTTP/1.1\r\nHost: x\r\n\r\n");
            TimeUnit.SECONDS.sleep(2);
            long received;
            try {
                RawHttp.Head head = http.head();
                assertThat(head.status(), is(200));
                received = http.drain();
            } catch (IOException e) {
                received = 0;
            }
            assertThat("the gateway gave up on the stalled client", received, lessThan(size));
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/observe/health/ready").request()) {
            assertThat("and is fine", response.status().code(), is(200));
        }
    }

    @Test
    void unknownMethodsAndPathsAreProblems() {
        gateway = Gateways.start();
        try (HttpClientResponse response = Gateways.client(gateway).delete("/api/v1/logs/formats").request()) {
            Problems.assertProblem(response, 404);
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/logs/analyze").request()) {
            assertThat(Problems.assertProblem(response, 404).getString("detail"), startsWith("No resource at GET"));
        }
    }

    private VigilService withKeys(String... more) {
        String[] pairs = {"gateway.auth.mode", "api-key",
                          "gateway.auth.keys.0.id", "test-client", "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256,
                          "gateway.auth.keys.1.id", "other", "gateway.auth.keys.1.sha256",
                          Patterns.sha256Hex(OTHER_KEY),
                          "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port()};
        String[] all = new String[pairs.length + more.length];
        System.arraycopy(pairs, 0, all, 0, pairs.length);
        System.arraycopy(more, 0, all, pairs.length, more.length);
        return Gateways.start(all);
    }

    private int formats(String key) {
        try (HttpClientResponse response = get(key)) {
            return response.status().code();
        }
    }

    /** Requests until one is limited: a token may have refilled if the machine paused between requests. */
    private HttpClientResponse untilLimited(String key) {
        for (int i = 0; i < 10; i++) {
            HttpClientResponse response = get(key);
            if (response.status().code() == 429) {
                return response;
            }
            response.close();
        }
        throw new AssertionError("never rate limited");
    }

    private HttpClientResponse get(String key) {
        var request = Gateways.client(gateway).get("/api/v1/logs/formats");
        if (key != null) {
            request.header(ApiKeyFilter.X_API_KEY, key);
        }
        return request.request();
    }
}
