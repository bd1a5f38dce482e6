/*
 * The body-read floor of logparse-service's HTTP path: a Helidon server of the same version, with logparse-service's
 * socket options, whose POST /drain reads the request body in 256 KiB reads (the engine's block size) and does nothing
 * else. perf/logparse-bench.sh posts the benchmark log to it and to logparse-service and prints the CPU each used, and
 * the wall time of this server's POSTs.
 *
 * Usage: java -cp 'logparse-service/target/libs/*' perf/BodyDrain.java PORT
 * Answers {"bytes":N,"elapsedMs":N}; runs until killed.
 */

import java.io.IOException;
import java.io.InputStream;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

public final class BodyDrain {
    /** logparse-service's socket buffers (application.yaml, server.connection-options) and the engine's block size. */
    private static final int BUFFER = 256 * 1024;

    private BodyDrain() {
    }

    public static void main(String[] args) {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .maxPayloadSize(-1)
                .connectionOptions(SocketOptions.builder()
                        .socketReceiveBufferSize(BUFFER)
                        .socketSendBufferSize(BUFFER)
                        .build())
                .routing(routing -> routing.post("/drain", BodyDrain::drain))
                .build()
                .start();
        System.out.println("body drain listening on " + server.port());
    }

    private static void drain(ServerRequest request, ServerResponse response) throws IOException {
        long start = System.nanoTime();
        long bytes = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = request.content().inputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes += n;
            }
        }
        response.send("{\"bytes\":" + bytes + ",\"elapsedMs\":" + (System.nanoTime() - start) / 1_000_000 + "}\n");
    }
}
