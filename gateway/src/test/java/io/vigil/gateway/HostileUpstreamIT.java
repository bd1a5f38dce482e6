package io.vigil.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Hostile upstreams through the whole gateway, over real sockets: a raw upstream on loopback answers with broken or
 * ambiguous HTTP (the 17 cases of issue 13's HttpCore 5 spike, perf/SPIKE-httpcore5.md), or records the request head
 * the gateway wrote. A broken head is a 502 problem; a broken body is a 502 problem or, once the head was relayed, a
 * cut client connection; never a complete-looking answer. A request path carrying encoded CR LF reaches the upstream
 * still encoded, so no header can be injected into the upstream request.
 */
class HostileUpstreamIT {
    private static final String OK = "HTTP/1.1 200 OK\r\n";

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** What the upstream answers to every request, readiness probes included. */
    private final AtomicReference<String> reply = new AtomicReference<>(OK + "Content-Length: 0\r\n\r\n");
    /** Request heads the upstream received, the gateway's readiness probes left out. */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private VigilService gateway;

    @AfterEach
    void stop() {
        threads.shutdownNow();
        Gateways.stop(gateway);
    }

    @Test
    void brokenHeadsAreBadGatewaysAndBrokenBodiesNeverLookComplete() throws Exception {
        // {where it breaks, name, the upstream's answer}: "head" must be a 502; "body" a 502 or a cut connection.
        List<String[]> cases = List.of(
                new String[] {"head", "not HTTP", "SSH-2.0-OpenSSH_9.6\r\n\r\n"},
                new String[] {"head", "status not a number", "HTTP/1.1 2x0 OK\r\n\r\n"},
                new String[] {"head", "status below 100", "HTTP/1.1 099 Low\r\n\r\n"},
                new String[] {"head", "101 not asked for", "HTTP/1.1 101 Switching Protocols\r\n\r\n"},
                new String[] {"head", "negative length", OK + "Content-Length: -1\r\n\r\n"},
                new String[] {"head", "two lengths", OK + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab"},
                new String[] {"head", "length not a number", OK + "Content-Length: ten\r\n\r\n"},
                new String[] {"head", "folded header", OK + "A: b\r\n folded\r\nContent-Length: 0\r\n\r\n"},
                new String[] {"head", "space in a name", OK + "Bad Name: b\r\nContent-Length: 0\r\n\r\n"},
                new String[] {"head", "no colon", OK + "No-Colon\r\nContent-Length: 0\r\n\r\n"},
                new String[] {"head", "20 KB header line", OK + "X: " + "x".repeat(20_000) + "\r\nContent-Length: 0\r\n\r\n"},
                new String[] {"head", "2,000 headers", OK + "X-Many: 0123456789\r\n".repeat(2_000) + "Content-Length: 0\r\n\r\n"},
                new String[] {"body", "chunk size not hex", OK + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"},
                new String[] {"body", "chunk without CRLF", OK + "Transfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n0\r\n\r\n"},
                new String[] {"body", "chunked body cut", OK + "Transfer-Encoding: chunked\r\n\r\n5\r\nab"},
                new String[] {"body", "fixed-length body cut", OK + "Content-Length: 5\r\n\r\nab"},
                new String[] {"body", "large fixed-length body cut",
                              OK + "Content-Length: 200000\r\n\r\n" + "y".repeat(100_000)});
        try (ServerSocket upstream = new ServerSocket(0)) {
            threads.submit(() -> serve(upstream));
            gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + upstream.getLocalPort(),
                                     "gateway.upstreams.logparse.retry.max-attempts", "1",
                                     "gateway.upstreams.logparse.circuit-breaker.volume", "10000",
                                     "gateway.upstreams.logparse.read-timeout", "PT5S");
            List<String> wrong = new ArrayList<>();
            for (String[] hostile : cases) {
                reply.set(hostile[2]);
                String outcome = outcome("GET /api/v1/logs/formats HTTP/1.1\r\nHost: x\r\n\r\n");
                System.out.printf("hostile upstream %-28s -> %s%n", hostile[1], outcome);
                boolean expected = "head".equals(hostile[0])
                        ? outcome.startsWith("502 ")
                        : outcome.startsWith("502 ") || outcome.startsWith("CUT after 200");
                if (!expected) {
                    wrong.add(hostile[1] + " (broken " + hostile[0] + "): " + outcome);
                }
            }
            assertThat("a broken head is a 502 problem; a broken body a 502 problem or a cut connection", wrong, is(empty()));
        }
    }

    @Test
    void encodedCrLfInThePathNeverBecomesARawLineBreakUpstream() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0)) {
            threads.submit(() -> serve(upstream));
            reply.set("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}");
            String base = "http://127.0.0.1:" + upstream.getLocalPort();
            gateway = Gateways.start("gateway.upstreams.health.endpoints", base,
                                     "gateway.upstreams.logparse.endpoints", base,
                                     "gateway.upstreams.health.retry.max-attempts", "1",
                                     "gateway.upstreams.logparse.retry.max-attempts", "1");
            List<String[]> requests = List.of(
                    new String[] {"/api/v1/health/checks/x%0d%0aX-Injected:%201%0d%0aX-Api-Key:%20forged",
                                  "GET /v1/checks/x%0d%0aX-Injected:%201%0d%0aX-Api-Key:%20forged HTTP/1.1"},
                    new String[] {"/api/v1/health/checks/x%0D%0AX-Injected:%201",
                                  "GET /v1/checks/x%0D%0AX-Injected:%201 HTTP/1.1"},
                    new String[] {"/api/v1/health/checks/x%0aX-Injected:%201", "GET /v1/checks/x%0aX-Injected:%201 HTTP/1.1"},
                    new String[] {"/api/v1/logs/formats?a=%0d%0aX-Injected:%201",
                                  "GET /v1/formats?a=%0d%0aX-Injected:%201 HTTP/1.1"});
            for (String[] request : requests) {
                received.clear();
                String outcome = outcome("GET " + request[0] + " HTTP/1.1\r\nHost: x\r\n\r\n");
                String head = received.poll(10, TimeUnit.SECONDS);
                assertThat(request[0] + " reached the upstream (the gateway answered: " + outcome + ")", head, notNullValue());
                List<String> lines = List.of(head.split("\r\n"));
                assertThat(head, lines.getFirst(), is(request[1]));
                assertThat(head, lines, everyItem(not(anyOf(startsWith("X-Injected"), startsWith("X-Api-Key")))));
                assertThat("no bare CR or LF inside a line of the upstream request: " + head,
                           lines.stream().filter(line -> line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0).toList(),
                           is(empty()));
                assertThat(outcome, startsWith("404"));
            }
        }
    }

    /**
     * What the gateway made of the upstream's answer to a raw request: {@code "<status> <problem detail>"} for a
     * problem, "CUT ..." when the connection broke off, "COMPLETE ..." for a whole answer, "INVALID ..." when the
     * gateway relayed something that is not HTTP/1.1.
     */
    private String outcome(String request) throws IOException {
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(request);
            RawHttp.Head head;
            try {
                head = http.head();
            } catch (EOFException | SocketException e) {
                return "CUT before a head (" + e.getMessage() + ")";
            } catch (IOException e) {
                return "INVALID head relayed to the client (" + e.getMessage() + ")";
            }
            if (head.status() >= 400 && head.header("Content-Type").startsWith("application/problem+json")) {
                JsonObject problem = Problems.parse(http.text(head));
                return head.status() + " " + problem.getString("detail", "");
            }
            try {
                int length = http.body(head).readAllBytes().length;
                return "COMPLETE " + head.status() + " with " + length + " body bytes";
            } catch (IOException e) {
                return "CUT after " + head.status() + " (" + e.getMessage() + ")";
            }
        }
    }

    /** One connection at a time: reads a request head, records it, answers with the current reply and closes. */
    private void serve(ServerSocket upstream) {
        while (!upstream.isClosed()) {
            try (Socket socket = upstream.accept()) {
                InputStream in = socket.getInputStream();
                byte[] request = new byte[8192];
                int read = 0;
                while (read < request.length) {
                    int n = in.read(request, read, request.length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                    if (new String(request, 0, read, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
                String head = new String(request, 0, read, StandardCharsets.ISO_8859_1);
                if (!head.startsWith("GET /observe/")) {
                    received.add(head);
                }
                OutputStream out = socket.getOutputStream();
                out.write(reply.get().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the next case gets a new connection
            }
        }
    }
}
