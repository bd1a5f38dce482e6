package io.vigil.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderValues;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.endpoint.EndpointGroup;
import io.vigil.gateway.http1.Http1Connection;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The pump on its own: a real Helidon server hands it the client's body, a loopback stub is the upstream, and the
 * test reads exactly what the stub received.
 */
class BodyPumpTest {
    private static final LimitSettings LIMITS = new LimitSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5));

    @Test
    void aChunkedBodyGoesUpstreamChunkedAndASmallOneIsKeptForReplay() throws Exception {
        try (UpstreamStub upstream = new UpstreamStub("0\r\n\r\n", null)) {
            String outcome = pump(upstream, 1024, 64, "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

            assertThat(outcome, is("stopped completed replayable -"));
            String sent = upstream.received();
            assertThat(sent, endsWith("0\r\n\r\n"));
            assertThat("the body, chunk framing removed", unchunk(sent), is("hello world"));
        }
    }

    @Test
    void aBodyWithALengthGoesAsItIsAndOneLargerThanTheReplayBufferIsNotKept() throws Exception {
        try (UpstreamStub upstream = new UpstreamStub("world", null)) {
            String outcome = pump(upstream, 1024, 4, "Content-Length: 11\r\n\r\nhello world");

            assertThat(outcome, is("stopped completed not-replayable -"));
            assertThat(upstream.received(), is("hello world"));
        }
    }

    @Test
    void aBodyOverTheRouteLimitFailsWith413AndCutsTheUpstreamConnection() throws Exception {
        try (UpstreamStub upstream = new UpstreamStub(null, null)) {
            String outcome = pump(upstream, 8, 64, "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

            assertThat(outcome, containsString("the request body is larger than 8 bytes"));
            String sent = upstream.received();
            assertThat("the connection ends without the body's end: the upstream cannot take it for whole", sent,
                       not(containsString("0\r\n\r\n")));
            assertThat(sent, not(containsString("world")));
        }
    }

    /** Runs a pump for one request with the given headers and body; answers with what the pump reported. */
    private static String pump(UpstreamStub upstream, long maxBody, int replayBytes, String headersAndBody)
            throws Exception {
        EndpointGroup endpoints = upstream.endpoints();
        VigilService server = VigilService.start("pump", TestConfig.of(), (routing, config) -> routing.post("/", (req, res) -> {
            Exchange exchange = new Exchange(Thread.currentThread(), System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
                                             TimeUnit.SECONDS.toNanos(30), LIMITS);
            exchange.enter(Exchange.Phase.UPSTREAM);
            Endpoint endpoint = endpoints.select(List.of());
            exchange.use(endpoint);
            Http1Connection connection = endpoint.pool().borrow(1_000, true);
            exchange.connection(connection);
            ReplayBuffer replay = new ReplayBuffer(replayBytes);
            long length = req.headers().contains(HeaderValues.TRANSFER_ENCODING_CHUNKED) ? -1
                    : req.headers().contentLength().orElse(0);
            BodyPump pump = BodyPump.start(req, connection, exchange, length, maxBody, replay);
            boolean stopped = pump.await(10_000);
            exchange.discard();
            res.header(HeaderValues.CONNECTION_CLOSE).send((stopped ? "stopped " : "running ")
                    + (pump.completed() ? "completed " : "incomplete ")
                    + (replay.replayable() ? "replayable " : "not-replayable ")
                    + (pump.clientFailure() == null ? "-" : pump.clientFailure().getMessage()));
        }));
        try (var http = new java.net.Socket("127.0.0.1", server.port())) {
            http.setSoTimeout(20_000);
            http.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\n" + headersAndBody)
                                                 .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = Answers.read(new java.io.BufferedInputStream(http.getInputStream()));
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        } finally {
            server.shutdown();
            endpoints.close();
        }
    }

    static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
