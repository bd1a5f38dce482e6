package io.vigil.common.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it: a request body as the access log and logparse's metrics see it. One thread reads
 * (the gateway's body pump, or the handler); the count may be read from another.
 */
public final class CountingInputStream extends FilterInputStream {
    private volatile long count;

    /**
     * Counts what is read from {@code in}.
     *
     * @param in the stream to read
     */
    public CountingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += Math.max(0, skipped);
        return skipped;
    }

    /**
     * Bytes read (or skipped) so far.
     *
     * @return the count
     */
    public long count() {
        return count;
    }
}
