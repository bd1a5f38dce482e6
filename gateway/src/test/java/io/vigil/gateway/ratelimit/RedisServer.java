package io.vigil.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for a test: Debian's {@code redis-server} on a free loopback port, without persistence, daemonized with
 * a pid file, started before each test and stopped after it by its PID (never by name: other Redis servers on the
 * machine are not ours). Every wait is bounded. Register it with {@code @RegisterExtension}.
 */
public final class RedisServer implements BeforeEachCallback, AfterEachCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private Path dir;
    private int port;
    private long pid;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("vigil-redis-");
        port = freePort();
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            kill();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * The URI gateways use.
     *
     * @return {@code redis://127.0.0.1:<port>}
     */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * The port Redis listens on, the same after {@link #start()} again.
     *
     * @return port
     */
    public int port() {
        return port;
    }

    /**
     * Starts Redis on this fixture's port (again, after {@link #kill()}), and waits until it answers {@code PING}.
     *
     * @throws IOException when it cannot be started
     */
    public void start() throws IOException {
        Path pidFile = dir.resolve("redis.pid");
        Files.deleteIfExists(pidFile);
        Process launcher = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                                                      "--save", "", "--appendonly", "no", "--daemonize", "yes",
                                                      "--pidfile", pidFile.toString(), "--dir", dir.toString(),
                                                      "--logfile", dir.resolve("redis.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("launch.log").toFile())
                .start();
        try {
            if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || launcher.exitValue() != 0) {
                launcher.destroyForcibly();
                throw new IOException("redis-server did not start: " + log("launch.log")
                                      + " (is Debian's redis-server installed? apt-get install redis-server)");
            }
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!(Files.exists(pidFile) && pong())) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server on port " + port + " did not answer PING within "
                                          + START_TIMEOUT.toSeconds() + " s: " + log("redis.log"));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting redis-server", e);
        }
    }

    /**
     * Kills Redis with SIGKILL, by its PID, and waits until it is gone; its data is lost.
     */
    public void kill() {
        if (pid == 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("redis-server " + pid + " did not exit after SIGKILL", e);
            }
        });
        pid = 0;
    }

    /**
     * Freezes Redis (SIGSTOP): connections stay open and nothing answers, like a Redis that hangs.
     */
    public void pause() {
        signal("-STOP");
    }

    /**
     * Lets a frozen Redis run again (SIGCONT).
     */
    public void resume() {
        signal("-CONT");
    }

    /**
     * Whether Redis answers {@code PING} right now.
     *
     * @return {@code true} on {@code +PONG}
     */
    public boolean pong() {
        try {
            return command("PING").equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * How many keys match a pattern ({@code KEYS}).
     *
     * @param pattern glob, such as {@code *:probe}
     * @return the count
     * @throws IOException when Redis does not answer
     */
    public long keys(String pattern) throws IOException {
        return Long.parseLong(command("KEYS " + pattern).substring(1));
    }

    /**
     * The time to live of the only key matching a pattern ({@code PTTL}).
     *
     * @param pattern glob matching one key
     * @return milliseconds; -1 without expiry, -2 when there is no such key
     * @throws IOException when Redis does not answer
     */
    public long pttl(String pattern) throws IOException {
        try (Socket socket = connect()) {
            String key = lines(socket, "KEYS " + pattern, 3).get(2);
            return Long.parseLong(lines(socket, "PTTL " + key, 1).get(0).substring(1));
        }
    }

    /**
     * Sends an inline command and reads the first line of the reply.
     *
     * @param command e.g. {@code DBSIZE}
     * @return the line without its CRLF, e.g. {@code :3}
     * @throws IOException when Redis does not answer within a second
     */
    public String command(String command) throws IOException {
        try (Socket socket = connect()) {
            return lines(socket, command, 1).get(0);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static List<String> lines(Socket socket, String command, int count) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (lines.size() < count) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Redis closed the connection after " + lines);
            }
            if (b == '\n') {
                lines.add(line.toString().strip());
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        return lines;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file).strip() : "(no " + name + ")";
        } catch (IOException e) {
            return "(" + name + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
