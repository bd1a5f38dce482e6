package io.vigil.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * A real logparse-service in a JVM of its own on a loopback port, so that a test can kill it as an orchestrator or
 * a crash would: {@link #kill()} is SIGKILL, with no drain and no goodbye on its connections.
 */
final class ServiceProcess implements AutoCloseable {
    private final int port;
    private Process process;

    private ServiceProcess(int port) {
        this.port = port;
    }

    /**
     * Starts logparse-service on a free port and waits until it is ready.
     *
     * @return the running service
     * @throws IOException when it cannot be started
     */
    static ServiceProcess logparse() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ServiceProcess service = new ServiceProcess(port);
        service.start();
        return service;
    }

    int port() {
        return port;
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts it (again, on the same port) and waits until its readiness probe answers 200. */
    void start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                             "-cp", System.getProperty("java.class.path"),
                                             "-Dserver.host=127.0.0.1", "-Dserver.port=" + port, "-Dlog.level=warn",
                                             "-Dlogparse.workers=1", "io.vigil.logparse.Main"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        WebClient client = WebClient.builder().baseUri(uri()).connectTimeout(Duration.ofMillis(200))
                .readTimeout(Duration.ofSeconds(1)).keepAlive(false).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
                if (ready.status().code() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IOException("logparse-service exited with " + process.exitValue() + " during start-up");
            }
            sleep(50);
        }
        throw new IOException("logparse-service was not ready within 60 s");
    }

    /** SIGKILL: the process dies at once, its connections reset. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
