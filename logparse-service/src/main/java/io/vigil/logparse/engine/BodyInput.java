package io.vigil.logparse.engine;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;


/**
 * Opens a log body for reading: enforces the body size limit, and inflates gzip (when declared by
 * {@code Content-Encoding: gzip} or recognised by its magic bytes) within an absolute and a ratio bound,
 * so a small compressed body cannot expand without limit.
 */
public final class BodyInput {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final long RATIO_ALLOWANCE_BYTES = 1 << 20;

    private BodyInput() {
    }

    /**
     * Wraps a raw body.
     *
     * @param raw          bytes as received
     * @param declaredGzip whether the sender declared {@code Content-Encoding: gzip}
     * @param limits       size limits
     * @return the log bytes, inflated if needed; reads fail with {@link InputTooLargeException} past a limit
     * @throws IOException when the body is declared gzip but is not, or cannot be read
     */
    public static InputStream open(InputStream raw, boolean declaredGzip, EngineLimits limits) throws IOException {
        Counted body = new Counted(raw, limits.maxBodyBytes(), "request body");
        // Two bytes are peeked and pushed back; larger reads go straight to the body (no buffer, no extra copy).
        PushbackInputStream peeked = new PushbackInputStream(body, 2);
        int first = peeked.read();
        int second = first < 0 ? -1 : peeked.read();
        if (second >= 0) {
            peeked.unread(second);
        }
        if (first >= 0) {
            peeked.unread(first);
        }
        boolean gzip = first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
        if (declaredGzip && !gzip && first != -1) {
            throw new ZipException("Content-Encoding is gzip but the body is not gzip data");
        }
        if (!gzip) {
            return peeked;
        }
        try {
            return new Inflated(new GZIPInputStream(peeked, 64 * 1024), body, limits);
        } catch (EOFException e) {
            throw truncated(e);
        }
    }

    /** gzip data that ends before its stream does is the sender's fault (a 400), not an I/O failure. */
    private static ZipException truncated(EOFException e) {
        ZipException truncated = new ZipException("gzip data is truncated (" + e.getMessage() + ")");
        truncated.initCause(e);
        return truncated;
    }

    /**
     * Counts bytes read and fails past a limit. The server's body stream throws unchecked exceptions when the
     * client's framing is broken (a connection that ends early, a bad chunk size); they become a
     * {@link BodyReadException}.
     */
    private static final class Counted extends FilterInputStream {
        private final long limit;
        private final String what;
        private long count;

        Counted(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (RuntimeException e) {
                throw new BodyReadException(e);
            }
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (RuntimeException e) {
                throw new BodyReadException(e);
            }
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        void advance(long n) throws InputTooLargeException {
            count += n;
            if (count > limit) {
                throw new InputTooLargeException(what + " exceeds " + limit + " bytes");
            }
        }

        long count() {
            return count;
        }
    }

    /** Fails when inflated bytes pass the absolute limit or the ratio to compressed bytes read. */
    private static final class Inflated extends FilterInputStream {
        private final Counted compressed;
        private final long maxBytes;
        private final long maxRatio;
        private long count;

        Inflated(InputStream in, Counted compressed, EngineLimits limits) {
            super(in);
            this.compressed = compressed;
            this.maxBytes = limits.maxInflatedBytes();
            this.maxRatio = limits.maxInflateRatio();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (EOFException e) {
                throw truncated(e);
            }
            if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    throw new InputTooLargeException("gzip body inflates past " + maxBytes + " bytes");
                }
                if (count > RATIO_ALLOWANCE_BYTES && count > maxRatio * compressed.count()) {
                    throw new InputTooLargeException("gzip body inflates more than " + maxRatio + " times");
                }
            }
            return n;
        }
    }
}
