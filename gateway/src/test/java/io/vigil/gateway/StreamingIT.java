package io.vigil.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bodies stream through the gateway in both directions, framed as the client framed them, with content
 * encodings and queries unchanged.
 */
class StreamingIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int BODY = 32 << 20;

    private VigilService backend;
    private VigilService gateway;

    @BeforeEach
    void start() {
        backend = Backend.start();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + backend.port());
    }

    @AfterEach
    void stop() {
        Gateways.stop(gateway, backend);
    }

    @Test
    void aChunkedUploadArrivesWholeAndChunked() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (RawHttp http = new RawHttp(gateway.port());
                 InputStream body = Patterns.bytes(BODY)) {
                http.send("POST /api/v1/logs/analyze?format=auto&top=5 HTTP/1.1\r\nHost: vigil.example\r\n"
                                  + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nX-Custom: kept\r\n\r\n");
                byte[] buffer = new byte[50_000];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    http.chunk(buffer, n);
                }
                http.chunk(buffer, 0);

                RawHttp.Head head = http.head();
                JsonObject seen = Problems.parse(http.text(head));
                assertThat(head.status(), is(200));
                assertThat(seen.getJsonNumber("bytes").longValue(), is((long) BODY));
                assertThat(seen.getString("sha256"), is(Patterns.sha256(BODY)));
                assertThat(seen.getString("query"), is("format=auto&top=5"));
                JsonObject headers = seen.getJsonObject("headers");
                assertThat(headers.getString("transfer-encoding"), is("chunked"));
                assertThat(headers.getString("content-type"), is("text/plain"));
                assertThat(headers.getString("x-custom"), is("kept"));
                assertThat(headers.getString("host"), is("127.0.0.1:" + backend.port()));
                assertThat(headers.getString("x-forwarded-host"), is("vigil.example"));
            }
        });
    }

    @Test
    void anUploadWithContentLengthKeepsItsLengthAndEncoding() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (RawHttp http = new RawHttp(gateway.port());
                 InputStream body = Patterns.bytes(BODY)) {
                http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
                                  + "Content-Length: " + BODY + "\r\n\r\n");
                byte[] buffer = new byte[50_000];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    http.write(buffer, n);
                }

                RawHttp.Head head = http.head();
                JsonObject seen = Problems.parse(http.text(head));
                assertThat(head.status(), is(200));
                assertThat(seen.getString("sha256"), is(Patterns.sha256(BODY)));
                JsonObject headers = seen.getJsonObject("headers");
                assertThat(headers.getString("content-length"), is(Integer.toString(BODY)));
                assertThat(headers.containsKey("transfer-encoding"), is(false));
                assertThat("bytes pass as they are, not decoded", headers.getString("content-encoding"), is("gzip"));
                assertThat("the gateway asks no interim 100-continue of the upstream", headers.containsKey("expect"), is(false));
            }
        });
    }

    @Test
    void ndjsonFlowsBackWhileTheUploadIsStillGoing() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (RawHttp http = new RawHttp(gateway.port())) {
                http.send("POST /api/v1/logs/parse HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
                byte[] first = "first line\n".getBytes();
                http.chunk(first, first.length);

                RawHttp.Head head = http.head();
                InputStream records = http.body(head);
                assertThat("the first record arrives before the upload ends",
                           RawHttp.line(records), is("{\"line\":1,\"text\":\"first line\"}"));
                for (int i = 2; i <= 50; i++) {
                    byte[] line = ("line " + i + "\n").getBytes();
                    http.chunk(line, line.length);
                    assertThat(RawHttp.line(records), is("{\"line\":" + i + ",\"text\":\"line " + i + "\"}"));
                }
                http.chunk(first, 0);
                assertThat(records.read(), is(-1));
                assertThat(RawHttp.header(head, "Content-Type"), is("application/x-ndjson"));
            }
        });
    }

    @Test
    void largeDownloadsStreamWithAndWithoutALength() {
        assertTimeoutPreemptively(BOUND, () -> {
            for (String length : new String[] {"true", "false"}) {
                try (RawHttp http = new RawHttp(gateway.port())) {
                    http.send("GET /api/v1/logs/formats?size=" + BODY + "&length=" + length + " HTTP/1.1\r\nHost: x\r\n\r\n");
                    RawHttp.Head head = http.head();

                    assertThat(head.status(), is(200));
                    assertThat(length, head.contentLength(), is("true".equals(length) ? (long) BODY : -1L));
                    assertThat(Patterns.sha256(http.body(head)), is(Patterns.sha256(BODY)));
                }
            }
        });
    }

    @Test
    void manyRequestsShareKeepAliveConnectionsBothWays() throws IOException {
        Set<Integer> upstreamConnections = new HashSet<>();
        try (RawHttp http = new RawHttp(gateway.port())) {
            for (int i = 0; i < 20; i++) {
                http.send("GET /api/v1/logs/formats HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Head head = http.head();
                assertThat(head.status(), is(200));
                assertThat(http.text(head), is("{\"formats\":[]}"));
                http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
                head = http.head();
                assertThat(head.status(), is(200));
                JsonObject seen = Problems.parse(http.text(head));
                assertThat(seen.getInt("bytes"), is(3));
                upstreamConnections.add(seen.getInt("peer"));
            }
        }
        assertThat("one upstream connection carried all 40 requests, one after the other", upstreamConnections.size(), is(1));
    }
}
