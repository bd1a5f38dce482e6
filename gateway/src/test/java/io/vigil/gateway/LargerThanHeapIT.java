package io.vigil.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The proof that bodies are never held whole: a gateway in its own JVM with a 64 MiB heap (and exit on
 * out-of-memory) passes a 256 MiB upload and a 256 MiB download intact.
 */
class LargerThanHeapIT {
    private static final long SIZE = 256L << 20;
    private static final Pattern READY = Pattern.compile("gateway ready on http://127\\.0\\.0\\.1:(\\d+)");

    private VigilService backend;
    private Process gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
        Gateways.stop(backend);
    }

    @Test
    void bodiesFourTimesTheHeapPassBothWays() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            backend = Backend.start();
            int port = startGateway(backend.port());

            try (RawHttp http = new RawHttp(port); InputStream body = Patterns.bytes(SIZE)) {
                http.send("POST /api/v1/logs/analyze HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
                byte[] buffer = new byte[65_536];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    http.chunk(buffer, n);
                }
                http.chunk(buffer, 0);
                RawHttp.Head head = http.head();
                JsonObject seen = Problems.parse(http.text(head));
                assertThat(head.status(), is(200));
                assertThat(seen.getJsonNumber("bytes").longValue(), is(SIZE));
                assertThat(seen.getString("sha256"), is(Patterns.sha256(SIZE)));

                http.send("GET /api/v1/logs/formats?size=" + SIZE + " HTTP/1.1\r\nHost: x\r\n\r\n");
                head = http.head();
                assertThat(head.status(), is(200));
                assertThat(Patterns.sha256(http.body(head)), is(Patterns.sha256(SIZE)));
            }
            assertThat("the gateway JVM is still alive", gateway.isAlive(), is(true));
        });
    }

    private int startGateway(int backendPort) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        gateway = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                                             "-cp", System.getProperty("java.class.path"),
                                             "-Dserver.host=127.0.0.1", "-Dserver.port=0", "-Dlog.format=text",
                                             "-Dgateway.auth.mode=none",
                                             "-Dgateway.upstreams.logparse.endpoints=http://127.0.0.1:" + backendPort,
                                             "-Dgateway.upstreams.health.endpoints=http://127.0.0.1:9",
                                             Main.class.getName()))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> watch(gateway.getInputStream(), port));
        try {
            return port.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the gateway JVM did not start", e);
        }
    }

    /** Reads the child's output: finds the port in its ready line, and keeps draining so it never blocks. */
    private static void watch(InputStream output, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    port.complete(Integer.parseInt(ready.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the gateway JVM exited before it was ready"));
    }
}
