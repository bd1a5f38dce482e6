package io.vigil.health.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 whose answer a test sets: status, body and how long it waits before
 * answering. One virtual thread per exchange, so a slow answer does not hold up the others.
 */
public final class StubHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body = "{\"status\":\"UP\"}";
    private volatile Duration delay = Duration.ZERO;

    private StubHttpServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a server answering 200 with {@code {"status":"UP"}}.
     *
     * @return the running server
     */
    public static StubHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            StubHttpServer stub = new StubHttpServer(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets the answer.
     *
     * @param status HTTP status
     * @param body   response body
     * @return this server
     */
    public StubHttpServer answer(int status, String body) {
        this.status = status;
        this.body = body;
        return this;
    }

    /**
     * Sets how long the server waits before answering.
     *
     * @param delay the wait
     * @return this server
     */
    public StubHttpServer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /**
     * Requests received so far.
     *
     * @return count
     */
    public int requests() {
        return requests.get();
    }

    /**
     * A URL on this server.
     *
     * @param path path starting with {@code /}
     * @return {@code http://127.0.0.1:<port><path>}
     */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
