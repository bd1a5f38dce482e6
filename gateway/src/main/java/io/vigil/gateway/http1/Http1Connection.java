package io.vigil.gateway.http1;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One keep-alive HTTP/1.1 connection to an upstream endpoint, used by one exchange at a time. Reads honour a timeout
 * set per exchange phase. Its {@link ConnectionPool} opens and closes it: an exchange gives it back with
 * {@link ConnectionPool#release} or {@link ConnectionPool#discard}; a discard may come from another thread (the
 * watchdog) and makes any blocked read or write fail at once.
 *
 * <p>Blocking {@link SocketChannel}s park virtual threads instead of pinning carrier threads; reads go through
 * the channel's socket adaptor, which supports {@code SO_TIMEOUT}.
 */
public final class Http1Connection {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int READ_BUFFER = 16 * 1024;
    private static final int SOCKET_BUFFER = 256 * 1024;

    private final SocketChannel channel;
    private final Http1Reader reader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long idleSinceNanos;
    private boolean reused;

    private Http1Connection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.reader = new Http1Reader(channel.socket().getInputStream(), READ_BUFFER);
    }

    /**
     * Opens a connection.
     *
     * @param host          host name or address
     * @param port          port
     * @param timeoutMillis longest wait for the TCP handshake
     * @return the connection
     * @throws IOException when the upstream cannot be reached
     */
    static Http1Connection open(String host, int port, int timeoutMillis) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            // As on the listeners (application.yaml): explicit buffers stream large bodies several times faster.
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.socket().connect(address, Math.max(1, timeoutMillis));
            return new Http1Connection(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sets how long the next reads may wait for bytes.
     *
     * @param millis timeout, at least 1
     * @throws IOException when the socket is closed
     */
    public void readTimeout(long millis) throws IOException {
        channel.socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
    }

    /**
     * Writes bytes, all of them.
     *
     * @param bytes  source
     * @param offset first index
     * @param length count
     * @throws IOException when the connection fails or is closed
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Writes one chunk of a chunked body: size line, data and CRLF in one gathering write.
     *
     * @param bytes  source
     * @param offset first index
     * @param length count, at least 1
     * @throws IOException when the connection fails or is closed
     */
    public void writeChunk(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer[] parts = {
            ByteBuffer.wrap((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII)),
            ByteBuffer.wrap(bytes, offset, length),
            ByteBuffer.wrap(CRLF)
        };
        while (parts[2].hasRemaining()) {
            channel.write(parts);
        }
    }

    /**
     * Ends a chunked body (no trailers).
     *
     * @throws IOException when the connection fails or is closed
     */
    public void writeLastChunk() throws IOException {
        write(LAST_CHUNK, 0, LAST_CHUNK.length);
    }

    /**
     * The reader of the upstream's responses.
     *
     * @return reader
     */
    public Http1Reader reader() {
        return reader;
    }

    /**
     * Whether this connection served an earlier exchange (then a failure before any response byte may just
     * mean the upstream closed it while it was idle).
     *
     * @return {@code true} when taken from the pool
     */
    public boolean reused() {
        return reused;
    }

    /**
     * Marks the connection idle in the pool.
     *
     * @param nanos {@link System#nanoTime()} now
     */
    void idleSince(long nanos) {
        idleSinceNanos = nanos;
    }

    /**
     * How long the connection has been idle.
     *
     * @param nanos {@link System#nanoTime()} now
     * @return idle time in nanoseconds
     */
    long idleNanos(long nanos) {
        return nanos - idleSinceNanos;
    }

    /**
     * Takes the connection out of the pool for a new exchange.
     *
     * @return this connection
     */
    Http1Connection reuse() {
        reused = true;
        reader.reset();
        return this;
    }

    /**
     * Checks without blocking that the upstream has neither closed the connection nor sent unexpected bytes.
     * Used before a request whose body cannot be replayed.
     *
     * @return {@code true} when the connection is still usable
     */
    boolean usable() {
        if (closed.get() || reader.hasLeftover()) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            int n = channel.read(ByteBuffer.allocate(1));
            channel.configureBlocking(true);
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the connection; safe to call from any thread, any number of times. Only the pool calls it. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with a connection that fails to close
            }
        }
    }
}
