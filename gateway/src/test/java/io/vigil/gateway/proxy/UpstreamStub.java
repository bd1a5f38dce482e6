package io.vigil.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vigil.gateway.config.BulkheadSettings;
import io.vigil.gateway.config.CircuitBreakerSettings;
import io.vigil.gateway.config.DiscoverySettings;
import io.vigil.gateway.config.OutlierSettings;
import io.vigil.gateway.config.PoolSettings;
import io.vigil.gateway.config.ProbeSettings;
import io.vigil.gateway.config.RetrySettings;
import io.vigil.gateway.config.Timeouts;
import io.vigil.gateway.config.UpstreamSettings;
import io.vigil.gateway.endpoint.EndpointGroup;
import io.vigil.gateway.endpoint.Resolver;

/**
 * A loopback listener standing in for an upstream, byte for byte: it records what the one connection that carries
 * something other than a readiness probe sent, until that connection ends or a marker arrives, and may answer with
 * bytes of the test's choosing.
 */
final class UpstreamStub implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0);
    private final CompletableFuture<String> received = new CompletableFuture<>();
    private final String until;
    private final byte[] answer;
    private final boolean keepOpen;

    /**
     * Starts listening.
     *
     * @param until  what ends the recording ({@code null}: the connection's end)
     * @param answer what to write back once recorded ({@code null}: nothing, close)
     */
    UpstreamStub(String until, String answer) throws IOException {
        this(until, answer, true);
    }

    /**
     * Starts listening.
     *
     * @param until    what ends the recording ({@code null}: the connection's end)
     * @param answer   what to write back once recorded ({@code null}: nothing, close)
     * @param keepOpen whether the connection stays open after the answer, as a keep-alive one does
     */
    UpstreamStub(String until, String answer, boolean keepOpen) throws IOException {
        this.until = until;
        this.answer = answer == null ? null : answer.getBytes(StandardCharsets.ISO_8859_1);
        this.keepOpen = keepOpen;
        Thread.ofVirtual().start(this::serve);
    }

    /** An upstream's endpoints with this stub as the only one; its probe runs once an hour. */
    EndpointGroup endpoints() {
        UpstreamSettings settings = new UpstreamSettings(
                "stub", new DiscoverySettings(List.of(URI.create("http://127.0.0.1:" + listener.getLocalPort())),
                                              Optional.empty(), Duration.ofHours(1)),
                Timeouts.DEFAULTS, true, RetrySettings.DEFAULTS, CircuitBreakerSettings.DEFAULTS, BulkheadSettings.DEFAULTS,
                PoolSettings.DEFAULTS, OutlierSettings.DEFAULTS,
                new ProbeSettings("/observe/health/ready", Duration.ofHours(1), Duration.ofSeconds(1)));
        return EndpointGroup.start(settings, Resolver.system());
    }

    /**
     * What the connection sent.
     *
     * @return ISO-8859-1 text
     */
    String received() throws Exception {
        return received.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void serve() {
        try {
            while (!listener.isClosed()) {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> record(socket));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void record(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                bytes.write(b);
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                if (text.startsWith("GET /observe/")) {
                    return;
                }
                if (until != null && text.endsWith(until)) {
                    break;
                }
            }
            received.complete(bytes.toString(StandardCharsets.ISO_8859_1));
            if (answer != null) {
                socket.getOutputStream().write(answer);
                socket.getOutputStream().flush();
                if (keepOpen) {
                    // A keep-alive connection stays open until the other side is done with it.
                    in.read();
                }
            }
        } catch (IOException e) {
            received.completeExceptionally(e);
        }
    }
}
