package io.vigil.gateway.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * Reads an HTTP/1.1 byte stream from an upstream: lines for the status line, headers and chunk sizes, and raw
 * bytes for bodies. Bytes already buffered are served first; large body reads then go straight to the socket.
 */
public final class Http1Reader {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private int lineNext;
    private boolean received;

    /**
     * Creates a reader.
     *
     * @param in         the connection's input
     * @param bufferSize bytes buffered for lines
     */
    public Http1Reader(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /**
     * One line, without its CRLF (a bare LF is accepted too), decoded as ISO-8859-1 so bytes survive unchanged.
     *
     * @param maxLength longest line accepted, at most the buffer size
     * @return the line
     * @throws ProtocolException when the line is longer
     * @throws EOFException      when the stream ends first
     */
    public String readLine(int maxLength) throws IOException {
        int length = line(maxLength);
        String line = text(0, length);
        skipLine();
        return line;
    }

    /**
     * Buffers one whole line and returns its length without the line end; read it with {@link #byteAt} and
     * {@link #text}, then {@link #skipLine()}. Parsing in place spares a string per line.
     *
     * @param maxLength longest line accepted, at most the buffer size
     * @return the line's length
     * @throws ProtocolException when the line is longer
     * @throws EOFException      when the stream ends first
     */
    int line(int maxLength) throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineNext = i + 1;
                    return (i > position && buffer[i - 1] == '\r' ? i - 1 : i) - position;
                }
            }
            if (limit - position >= Math.min(maxLength, buffer.length)) {
                throw new ProtocolException("a line of the upstream's response is longer than " + maxLength + " bytes");
            }
            int unread = limit - position;
            compact();
            scanned = unread;
            if (fill() < 0) {
                throw new EOFException(received
                        ? "the upstream closed the connection in the middle of a response"
                        : "the upstream closed the connection without answering");
            }
        }
    }

    /**
     * A byte of the current line.
     *
     * @param offset index in the line
     * @return the byte
     */
    byte byteAt(int offset) {
        return buffer[position + offset];
    }

    /**
     * Part of the current line as ISO-8859-1 text.
     *
     * @param from first index in the line
     * @param to   index after the last
     * @return the text
     */
    String text(int from, int to) {
        return new String(buffer, position + from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Moves past the current line. */
    void skipLine() {
        position = lineNext;
    }

    /**
     * Reads body bytes: buffered ones first, then directly from the stream into {@code target}.
     *
     * @param target where to put the bytes
     * @param offset first index to fill
     * @param length most bytes to read, at least 1
     * @return bytes read, or -1 at the end of the stream
     * @throws IOException when reading fails
     */
    public int read(byte[] target, int offset, int length) throws IOException {
        if (position < limit) {
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }
        int n = in.read(target, offset, length);
        if (n > 0) {
            received = true;
        }
        return n;
    }

    /**
     * Bytes that can be read without blocking.
     *
     * @return buffered bytes, or what the socket reports
     * @throws IOException when the socket fails
     */
    public int available() throws IOException {
        return position < limit ? limit - position : in.available();
    }

    /**
     * Whether any byte has arrived since the last {@link #reset()}; a request that failed before can be retried
     * on another connection without risk of having been half-answered.
     *
     * @return {@code true} once bytes arrived
     */
    public boolean received() {
        return received || position < limit;
    }

    /**
     * Whether bytes are buffered that nobody read: on an idle connection that means it is out of step.
     *
     * @return {@code true} when bytes are left over
     */
    public boolean hasLeftover() {
        return position < limit;
    }

    /** Starts a new exchange on the same connection. */
    void reset() {
        received = false;
    }

    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
    }

    private int fill() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n > 0) {
            limit += n;
            received = true;
        }
        return n;
    }
}
