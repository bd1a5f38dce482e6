package io.vigil.common.accesslog;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the response body bytes a handler writes, before Helidon adds chunk framing. Closing does not flush first
 * (as {@link FilterOutputStream#close()} would): Helidon ignores the flush that comes with its own close, which is how
 * a body written and closed at once goes out with a {@code Content-Length} instead of chunked.
 */
final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    long count() {
        return count;
    }
}
