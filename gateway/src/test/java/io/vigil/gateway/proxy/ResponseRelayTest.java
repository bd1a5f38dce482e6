package io.vigil.gateway.proxy;

import java.io.EOFException;
import java.io.BufferedInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vigil.common.service.VigilService;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.endpoint.EndpointGroup;
import io.vigil.gateway.http1.AsciiBuilder;
import io.vigil.gateway.http1.Http1Connection;
import io.vigil.gateway.http1.ResponseBody;
import io.vigil.gateway.http1.ResponseHead;
import io.vigil.gateway.traffic.RouteMeters;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The relay on its own: a loopback stub answers as an upstream would, a real Helidon server relays it to a plain
 * socket client, and the test sees both what the client got and whether the connection went back to the pool.
 */
class ResponseRelayTest {
    private static final LimitSettings LIMITS = new LimitSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5));

    @Test
    void aChunkedAnswerIsRelayedWholeAndItsConnectionKept() throws Exception {
        try (UpstreamStub upstream = new UpstreamStub("\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\nX-Custom: kept\r\nKeep-Alive: timeout=5\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")) {
            AtomicInteger idle = new AtomicInteger(-1);
            String answer = relay(upstream, idle);

            assertThat(answer, containsString("X-Custom: kept"));
            assertThat("hop-by-hop headers stay on their hop", answer, not(containsString("Keep-Alive")));
            assertThat(BodyPumpTest.unchunk(answer.substring(answer.indexOf("\r\n\r\n") + 4)), is("hello world"));
            assertThat("a complete answer leaves the connection for reuse", idle.get(), is(1));
        }
    }

    @Test
    void aBodyCutOffAfterTheHeadersClosesTheClientsConnectionAndTheUpstreams() throws Exception {
        try (UpstreamStub upstream = new UpstreamStub("\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                + "x".repeat(70_000), false)) {
            AtomicInteger idle = new AtomicInteger(-1);

            assertThrows(EOFException.class, () -> relay(upstream, idle), "a truncated body must not end like a whole one");
            awaitSet(idle);
            assertThat(idle.get(), is(0));
        }
    }

    /** Relays the stub's answer to {@code GET /}; returns what the client read, and sets the pool's idle count. */
    private static String relay(UpstreamStub upstream, AtomicInteger idle) throws Exception {
        EndpointGroup endpoints = upstream.endpoints();
        ResponseRelay relay = new ResponseRelay("stub", Duration.ofSeconds(5), "deadline passed", false,
                                                new RouteMeters("/api/stub"));
        VigilService server = VigilService.start("relay", TestConfig.of(), (routing, config) -> routing.get("/", (req, res) -> {
            Exchange exchange = new Exchange(Thread.currentThread(), System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
                                             TimeUnit.SECONDS.toNanos(30), LIMITS);
            Endpoint endpoint = endpoints.select(List.of());
            exchange.use(endpoint);
            Http1Connection connection = endpoint.pool().borrow(1_000, true);
            exchange.connection(connection);
            AsciiBuilder head = new AsciiBuilder(64).append("GET / HTTP/1.1\r\nHost: stub\r\n\r\n");
            connection.write(head.buffer(), 0, head.length());
            ResponseHead answer = ResponseHead.read(connection.reader());
            exchange.enter(Exchange.Phase.RELAY);
            try {
                relay.relay(exchange, req, res, new UpstreamResponse(answer, ResponseBody.of(connection.reader(), answer, false),
                                                                     null), false);
            } finally {
                exchange.discard();
                idle.set(endpoint.pool().idle());
            }
        }));
        try (Socket http = new Socket("127.0.0.1", server.port())) {
            http.setSoTimeout(20_000);
            http.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                                 .getBytes(StandardCharsets.US_ASCII));
            return Answers.read(new BufferedInputStream(http.getInputStream()));
        } finally {
            awaitSet(idle);
            server.shutdown();
            endpoints.close();
        }
    }

    private static void awaitSet(AtomicInteger value) throws InterruptedException {
        for (int i = 0; i < 500 && value.get() < 0; i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
