package io.vigil.gateway;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections to one upstream. Most recently used first, so a steady load keeps a warm set
 * of connections and the rest age out after {@link PoolSettings#idleTimeout()}.
 */
final class UpstreamPool {
    private final String host;
    private final int port;
    private final int maxIdle;
    private final long idleTimeoutNanos;
    private final ConcurrentLinkedDeque<UpstreamConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    UpstreamPool(UpstreamSettings settings) {
        this.host = settings.baseUri().getHost();
        this.port = settings.port();
        this.maxIdle = settings.pool().maxIdle();
        this.idleTimeoutNanos = settings.pool().idleTimeout().toNanos();
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
    UpstreamConnection borrow(long connectTimeoutMillis, boolean replayable) throws IOException {
        long now = System.nanoTime();
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (connection.idleNanos(now) < idleTimeoutNanos && (replayable || connection.usable())) {
                return connection.reuse();
            }
            connection.close();
        }
        return UpstreamConnection.open(host, port, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis));
    }

    /**
     * Returns a connection whose last response was read completely.
     *
     * @param connection the connection
     */
    void release(UpstreamConnection connection) {
        if (connection.isClosed() || connection.reader().hasLeftover()) {
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
        UpstreamConnection oldest = idle.peekLast();
        if (oldest != null && oldest.idleNanos(now) >= idleTimeoutNanos && idle.removeLastOccurrence(oldest)) {
            idleCount.decrementAndGet();
            oldest.close();
        }
    }

    /**
     * Idle connections right now.
     *
     * @return count
     */
    int idle() {
        return idleCount.get();
    }

    /** Closes every idle connection. */
    void closeIdle() {
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            connection.close();
        }
    }
}
