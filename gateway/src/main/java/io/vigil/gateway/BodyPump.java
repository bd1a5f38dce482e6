package io.vigil.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.http.ServerRequest;

/**
 * Copies a client's request body to the upstream on its own virtual thread while the handler thread waits for
 * and relays the response, so both directions stream at once: an upstream that answers while it still reads
 * (NDJSON from {@code /v1/parse}) never waits for the upload to finish, and neither side can deadlock on full
 * socket buffers. Memory is one 64 KiB buffer whatever the body size.
 *
 * <p>Framing: a body the client sent with {@code Content-Length} goes upstream with the same length; a chunked
 * one goes chunked, one chunk per read. No {@code Expect: 100-continue} is sent upstream: the gateway has
 * already checked the request, and waiting for the interim answer would cost a round trip per request.
 */
final class BodyPump {
    private static final int BUFFER = 64 * 1024;

    private final ServerRequest request;
    private final UpstreamConnection connection;
    private final Exchange exchange;
    private final long contentLength;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException clientFailure;
    private volatile boolean completed;

    private BodyPump(ServerRequest request, UpstreamConnection connection, Exchange exchange, long contentLength) {
        this.request = request;
        this.connection = connection;
        this.exchange = exchange;
        this.contentLength = contentLength;
    }

    /**
     * Starts copying.
     *
     * @param request       the client's request
     * @param connection    the upstream connection, request head already written
     * @param exchange      the exchange, told while the pump waits for client bytes
     * @param contentLength the body's length, or -1 to send it chunked
     * @return the running pump
     */
    static BodyPump start(ServerRequest request, UpstreamConnection connection, Exchange exchange, long contentLength) {
        BodyPump pump = new BodyPump(request, connection, exchange, contentLength);
        Thread.ofVirtual().name("gateway-body-pump").start(pump::run);
        return pump;
    }

    /**
     * Waits for the pump to stop.
     *
     * @param millis longest wait
     * @return {@code true} when it stopped
     */
    boolean await(long millis) {
        try {
            return done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the whole body reached the upstream.
     *
     * @return {@code true} once it did
     */
    boolean completed() {
        return completed;
    }

    /**
     * What went wrong reading the client's body: a {@link io.helidon.http.RequestException} (such as 413 for a
     * chunked body over the limit) or a failed connection; the upstream connection is then closed so that the
     * upstream never takes a truncated body for a whole one.
     *
     * @return the failure, or {@code null}
     */
    RuntimeException clientFailure() {
        return clientFailure;
    }

    private void run() {
        try {
            pump();
        } finally {
            done.countDown();
        }
    }

    private void pump() {
        byte[] buffer = new byte[BUFFER];
        long sent = 0;
        InputStream in = request.content().inputStream();
        while (true) {
            int n = readClient(in, buffer);
            if (n == -2) {
                return;
            }
            if (n < 0) {
                break;
            }
            try {
                if (contentLength < 0) {
                    connection.writeChunk(buffer, 0, n);
                } else {
                    connection.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // The upstream stopped reading: its answer (or the failure to get one) is the handler's to relay.
                return;
            }
            sent += n;
        }
        if (contentLength >= 0 && sent != contentLength) {
            failClient(new IllegalStateException("the request body ended after " + sent + " of " + contentLength + " bytes"));
            return;
        }
        try {
            if (contentLength < 0) {
                connection.writeLastChunk();
            }
            completed = true;
        } catch (IOException e) {
            // as above: the handler relays what the upstream made of it
        }
    }

    /** Reads client bytes; -1 at the end, -2 after a failure. */
    private int readClient(InputStream in, byte[] buffer) {
        exchange.bodyReading(true);
        try {
            int n;
            do {
                n = in.read(buffer);
            } while (n == 0);
            // Helidon hands request bytes over 8 KiB at a time; take what is already there too, without waiting,
            // so the upstream gets few large writes instead of many small ones.
            while (n > 0 && n < buffer.length && in.available() > 0) {
                int more = in.read(buffer, n, buffer.length - n);
                if (more <= 0) {
                    break;
                }
                n += more;
            }
            return n;
        } catch (IOException e) {
            failClient(new IllegalStateException("reading the request body failed: " + e.getMessage(), e));
            return -2;
        } catch (RuntimeException e) {
            failClient(e);
            return -2;
        } finally {
            exchange.bodyReading(false);
        }
    }

    private void failClient(RuntimeException failure) {
        clientFailure = failure;
        connection.close();
    }
}
