package io.vigil.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.vigil.gateway.http1.Http1Connection;

/**
 * Copies a client's request body to the upstream on its own virtual thread while the handler thread waits for
 * and relays the response, so both directions stream at once: an upstream that answers while it still reads
 * (NDJSON from {@code /v1/parse}) never waits for the upload to finish, and neither side can deadlock on full
 * socket buffers. Memory is one 64 KiB buffer whatever the body size, plus the {@link ReplayBuffer} while the body
 * still fits it.
 *
 * <p>Framing: a body the client sent with {@code Content-Length} goes upstream with the same length; a chunked
 * one goes chunked, one chunk per read. No {@code Expect: 100-continue} is sent upstream: the gateway has
 * already checked the request, and waiting for the interim answer would cost a round trip per request. When the
 * upstream stops taking the body, the pump goes on reading it into the replay buffer as long as it fits, so that a
 * small request can still be sent to another endpoint.
 *
 * <p>Once the body can go nowhere (the upstream stopped taking it and it outgrew the replay buffer), the pump reads and
 * discards the rest for up to {@value #DRAIN_MILLIS} ms, as nginx's lingering close does: a client that sends its whole
 * body before it reads (most do) then gets the gateway's answer (an upstream's early answer, or a 502 when the upstream
 * died mid-upload) instead of a connection reset by unread bytes.</p>
 */
final class BodyPump {
    /**
     * How long a finished or failed exchange waits for the pump before it takes the upstream for one that stopped
     * reading the body, and gives up on the connection.
     */
    static final long GRACE_MILLIS = 1_000;
    /** The longest the rest of a body that can go nowhere is read and discarded before the client's connection closes. */
    static final long DRAIN_MILLIS = 5_000;

    private static final int BUFFER = 64 * 1024;
    /** What Helidon 4.1.2 reads from a socket at most at once ({@code PlainSocket}). */
    private static final int FULL_SOCKET_READ = 8 * 1024;

    private final ServerRequest request;
    private final Http1Connection connection;
    private final Exchange exchange;
    private final long contentLength;
    private final long maxBodySize;
    private final ReplayBuffer replay;
    /** Counted down when the pump is done with the upstream: it sent the body, or the body can go nowhere. */
    private final CountDownLatch done = new CountDownLatch(1);
    /** Counted down when the pump stopped reading the client's body (its end, a failure, or the drain's limit). */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile RuntimeException clientFailure;
    private volatile boolean completed;
    /** Body bytes read from the client so far. */
    private volatile long received;

    private BodyPump(ServerRequest request, Http1Connection connection, Exchange exchange, long contentLength,
                     long maxBodySize, ReplayBuffer replay) {
        this.request = request;
        this.connection = connection;
        this.exchange = exchange;
        this.contentLength = contentLength;
        this.maxBodySize = maxBodySize;
        this.replay = replay;
    }

    /**
     * Starts copying.
     *
     * @param request       the client's request
     * @param connection    the upstream connection, request head already written
     * @param exchange      the exchange, told while the pump waits for client bytes
     * @param contentLength the body's length, or -1 to send it chunked
     * @param maxBodySize   the route's body limit: a longer chunked body fails with 413
     * @param replay        where the first bytes are kept for a retry
     * @return the running pump
     */
    static BodyPump start(ServerRequest request, Http1Connection connection, Exchange exchange, long contentLength,
                          long maxBodySize, ReplayBuffer replay) {
        BodyPump pump = new BodyPump(request, connection, exchange, contentLength, maxBodySize, replay);
        Thread.ofVirtual().name("gateway-body-pump").start(pump::run);
        return pump;
    }

    /**
     * Waits until the pump is done with the upstream: the whole body was sent, or it can no longer be (then the replay
     * buffer holds what a retry would need, or it overflowed).
     *
     * @param millis longest wait
     * @return {@code true} when it is done
     */
    boolean await(long millis) {
        return await(done, millis);
    }

    /**
     * Waits until the pump stopped reading the client's body: its end, a failure, or the end of a drain.
     *
     * @param millis longest wait
     * @return {@code true} when it stopped
     */
    boolean awaitStopped(long millis) {
        return await(stopped, millis);
    }

    private static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
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
     * What went wrong reading the client's body: a {@link RequestException} (such as 413 for a body over the limit)
     * or a failed connection; the upstream connection is then aborted so that the upstream never takes a truncated
     * body for a whole one.
     *
     * @return the failure, or {@code null}
     */
    RuntimeException clientFailure() {
        return clientFailure;
    }

    /**
     * How many body bytes the pump has read from the client so far.
     *
     * @return bytes read
     */
    long received() {
        return received;
    }

    private void run() {
        try {
            pump();
        } finally {
            done.countDown();
            stopped.countDown();
        }
    }

    private void pump() {
        byte[] buffer = new byte[BUFFER];
        long read = 0;
        boolean upstreamTakes = true;
        InputStream in = request.content().inputStream();
        while (true) {
            int n = readClient(in, buffer);
            if (n == -2) {
                return;
            }
            if (n < 0) {
                break;
            }
            read += n;
            received = read;
            if (read > maxBodySize) {
                failClient(tooLarge());
                return;
            }
            replay.append(buffer, n);
            if (upstreamTakes) {
                upstreamTakes = send(buffer, n);
            }
            if (!upstreamTakes && replay.overflowed()) {
                // The upstream stopped reading: its answer (or the failure to get one) is the handler's to relay.
                done.countDown();
                drain(in, buffer);
                return;
            }
        }
        finish(read, upstreamTakes);
    }

    /** Reads and discards the rest of the client's body, for up to {@link #DRAIN_MILLIS}; the caller closes afterwards. */
    private static void drain(InputStream in, byte[] buffer) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        try {
            while (System.nanoTime() - end < 0 && in.read(buffer) >= 0) {
                // discarded
            }
        } catch (IOException | RuntimeException e) {
            // the client's connection failed or closed: nothing left to drain
        }
    }

    /** The client's body ended: it is whole if its length is as announced, and sent if the upstream took all of it. */
    private void finish(long read, boolean upstreamTakes) {
        if (contentLength >= 0 && read != contentLength) {
            failClient(new IllegalStateException("the request body ended after " + read + " of " + contentLength + " bytes"));
            return;
        }
        replay.complete();
        completed = upstreamTakes && end();
    }

    /** Ends a chunked body; {@code false} when the upstream stopped reading (the handler relays what it made of it). */
    private boolean end() {
        try {
            if (contentLength < 0) {
                connection.writeLastChunk();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private RequestException tooLarge() {
        return RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.REQUEST_ENTITY_TOO_LARGE_413)
                .message("the request body is larger than " + maxBodySize + " bytes").build();
    }

    private boolean send(byte[] buffer, int n) {
        try {
            if (contentLength < 0) {
                connection.writeChunk(buffer, 0, n);
            } else {
                connection.write(buffer, 0, n);
            }
            return true;
        } catch (IOException e) {
            return false;
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
            // Helidon hands request bytes over one socket read (at most 8 KiB) at a time, and reports none available
            // beyond it, so the upstream would get an 8 KiB write per read. For a body of declared length, a full
            // read means the client is sending faster than the gateway reads: keep reading until the buffer is full,
            // and the upstream gets 64 KiB writes (a 186 MB upload: 2,900 writes instead of 22,700). A short read
            // means the socket ran dry, and what came goes upstream at once, so a body sent slowly (NDJSON lines to
            // /v1/parse) is never held back; so is a chunked body, whose client may wait for answers as it sends.
            int last = n;
            while (n > 0 && n < buffer.length
                   && (contentLength >= 0 && last >= FULL_SOCKET_READ || in.available() > 0)) {
                last = in.read(buffer, n, buffer.length - n);
                if (last <= 0) {
                    break;
                }
                n += last;
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
        exchange.abortConnection();
    }
}
