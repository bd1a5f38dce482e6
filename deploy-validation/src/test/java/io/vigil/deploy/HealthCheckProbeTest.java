package io.vigil.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The image's health check (deploy/docker/HealthCheck.java), compiled as deploy/docker/build-images.sh compiles it and
 * run as the container runtime runs it: exit 0 on a ready service, 1 when it answers 503 or nothing listens.
 */
class HealthCheckProbeTest {
    @TempDir
    static Path classes;

    private static HttpServer server;

    @BeforeAll
    static void compileAndServe() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "21", "-Xlint:all", "-Werror", "-cp", classes.toString(),
                               "-d", classes.toString(),
                               Repo.path("deploy/docker/HealthCheck.java").toString());
        assertThat("javac exit status", status, is(0));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/observe/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/observe/health/draining", exchange -> {
            byte[] body = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void readyServiceIsHealthy() throws Exception {
        assertThat(run(server.getAddress().getPort(), "/observe/health/ready"), is(0));
    }

    @Test
    void drainingServiceIsUnhealthy() throws Exception {
        assertThat(run(server.getAddress().getPort(), "/observe/health/draining"), is(1));
    }

    @Test
    void nothingListeningIsUnhealthy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(run(port, "/observe/health/ready"), is(1));
    }

    private static int run(int port, String path) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp",
                                                            classes.toString(), "HealthCheck", path))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the health check did not finish in 20 s");
        }
        assertThat(Files.isRegularFile(classes.resolve("HealthCheck.class")), is(true));
        return process.exitValue();
    }
}
