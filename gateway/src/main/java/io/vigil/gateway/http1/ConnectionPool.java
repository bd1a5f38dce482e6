package io.vigil.gateway.http1;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections to one endpoint, and their one owner: the pool opens every connection and is the only one to close
 * it. An exchange borrows a connection and hands it back with {@link #release} (the response was read to its end and
 * the connection may carry another) or {@link #discard} (anything else). Idle connections are kept most recently
 * used first, so a steady load keeps a warm set and the rest age out after the idle timeout. A closed pool (its
 * endpoint left, or the gateway stops) keeps no idle connection; connections still in use are closed as they come
 * back.
 */
public final class ConnectionPool {
    private final String host;
    private final int port;
    private final int maxIdle;
    private final long idleTimeoutNanos;
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Creates the pool of one endpoint.
     *
     * @param host             host name or address
     * @param port             port
     * @param maxIdle          idle connections kept for reuse
     * @param idleTimeoutNanos an idle connection older than this is closed instead of reused
     */
    public ConnectionPool(String host, int port, int maxIdle, long idleTimeoutNanos) {
        this.host = host;
        this.port = port;
        this.maxIdle = maxIdle;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /**
     * A connection: an idle one if there is one, else a new one.
     *
     * @param connectTimeoutMillis longest wait for a new connection
     * @param replayable           whether the request could be sent again on another connection if this one turns
     *                             out to be closed; if not, an idle connection is first checked without blocking
     * @return a connection for one exchange
     * @throws IOException when a new connection cannot be opened
     */
    public Http1Connection borrow(long connectTimeoutMillis, boolean replayable) throws IOException {
        long now = System.nanoTime();
        Http1Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (connection.idleNanos(now) < idleTimeoutNanos && (replayable || connection.usable())) {
                return connection.reuse();
            }
            connection.close();
        }
        return open(connectTimeoutMillis);
    }

    /**
     * A new connection, never an idle one.
     *
     * @param connectTimeoutMillis longest wait for the TCP handshake
     * @return a connection for one exchange
     * @throws IOException when the endpoint cannot be reached
     */
    public Http1Connection open(long connectTimeoutMillis) throws IOException {
        return Http1Connection.open(host, port, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeoutMillis)));
    }

    /**
     * Takes back a connection whose last response was read completely, to reuse it.
     *
     * @param connection the connection
     */
    public void release(Http1Connection connection) {
        if (closed || connection.isClosed() || connection.reader().hasLeftover()) {
            connection.close();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            connection.close();
            return;
        }
        long now = System.nanoTime();
        connection.idleSince(now);
        idle.offerFirst(connection);
        Http1Connection oldest = idle.peekLast();
        if (oldest != null && oldest.idleNanos(now) >= idleTimeoutNanos && idle.removeLastOccurrence(oldest)) {
            idleCount.decrementAndGet();
            oldest.close();
        }
        if (closed) {
            closeIdle();
        }
    }

    /**
     * Takes back a connection that must not carry another exchange, and closes it; any read or write blocked on it
     * fails at once. Safe from any thread, any number of times.
     *
     * @param connection the connection
     */
    public void discard(Http1Connection connection) {
        connection.close();
    }

    /**
     * Idle connections right now.
     *
     * @return count
     */
    public int idle() {
        return idleCount.get();
    }

    /** Closes every idle connection and every connection handed back from now on. */
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        Http1Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            connection.close();
        }
    }
}
