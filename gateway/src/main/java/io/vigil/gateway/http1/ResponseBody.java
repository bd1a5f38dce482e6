package io.vigil.gateway.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * The body of an upstream's response as it arrives, with its framing removed: a fixed length, chunks, or
 * everything until the upstream closes the connection. Trailer fields of a chunked body are read and dropped.
 */
public final class ResponseBody extends InputStream {
    private static final int MAX_CHUNK_LINE = 4096;

    private final Http1Reader reader;
    private final boolean chunked;
    private final boolean untilClose;
    /** Bytes left in the fixed-length body or in the current chunk. */
    private long remaining;
    private boolean firstChunk = true;
    private boolean complete;

    private ResponseBody(Http1Reader reader, boolean chunked, boolean untilClose, long remaining) {
        this.reader = reader;
        this.chunked = chunked;
        this.untilClose = untilClose;
        this.remaining = remaining;
        this.complete = !chunked && !untilClose && remaining == 0;
    }

    /**
     * The body that follows a response head.
     *
     * @param reader the connection's reader, positioned after the head
     * @param head   the response head
     * @param headRequest whether the request was {@code HEAD}
     * @return the body, empty when the response has none
     */
    public static ResponseBody of(Http1Reader reader, ResponseHead head, boolean headRequest) {
        if (!head.hasBody(headRequest)) {
            return new ResponseBody(reader, false, false, 0);
        }
        if (head.chunked()) {
            return new ResponseBody(reader, true, false, 0);
        }
        return head.untilClose()
                ? new ResponseBody(reader, false, true, Long.MAX_VALUE)
                : new ResponseBody(reader, false, false, head.contentLength());
    }

    /**
     * Whether the whole body has been read, so the connection is at the start of the next response.
     *
     * @return {@code true} once the end was reached
     */
    public boolean complete() {
        return complete;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (complete) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (chunked && remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = reader.read(target, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            if (untilClose) {
                complete = true;
                return -1;
            }
            throw new EOFException("the upstream closed the connection before the end of the response body");
        }
        remaining -= n;
        if (!chunked && remaining == 0) {
            complete = true;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        if (complete || (chunked && remaining == 0)) {
            return 0;
        }
        return (int) Math.min(remaining, reader.available());
    }

    /** Reads the next chunk's size line; at the last chunk reads the trailers and ends the body. */
    private boolean nextChunk() throws IOException {
        if (!firstChunk && !reader.readLine(MAX_CHUNK_LINE).isEmpty()) {
            throw new ProtocolException("the upstream's chunk did not end with CRLF");
        }
        firstChunk = false;
        long size = chunkSize(reader.readLine(MAX_CHUNK_LINE));
        if (size == 0) {
            while (!reader.readLine(MAX_CHUNK_LINE).isEmpty()) {
                // trailer fields are not forwarded
            }
            complete = true;
            return false;
        }
        remaining = size;
        return true;
    }

    private static long chunkSize(String line) throws ProtocolException {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new ProtocolException("the upstream sent an invalid chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new ProtocolException("the upstream sent an invalid chunk size");
            }
            size = size * 16 + digit;
        }
        return size;
    }
}
