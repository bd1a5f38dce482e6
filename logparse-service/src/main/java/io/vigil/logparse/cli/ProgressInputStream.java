package io.vigil.logparse.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Shows how much of a large file has been read, as a bar on one line of stderr, redrawn at most every
 * 200 ms and erased at the end.
 */
final class ProgressInputStream extends FilterInputStream {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final long total;
    private final PrintStream err;
    private final long started = System.nanoTime();
    private long read;
    private long lastDrawn;

    ProgressInputStream(InputStream in, long total, PrintStream err) {
        super(in);
        this.total = Math.max(1, total);
        this.err = err;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        advance(n);
        return n;
    }

    @Override
    public void close() throws IOException {
        err.print("\r" + " ".repeat(BAR_WIDTH + 40) + "\r");
        err.flush();
        super.close();
    }

    private void advance(int n) {
        if (n > 0) {
            read += n;
        }
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            err.print(line(read, total, now - started));
            err.flush();
        }
    }

    static String line(long read, long total, long elapsedNanos) {
        int filled = (int) (BAR_WIDTH * Math.min(read, total) / total);
        double mbPerSecond = elapsedNanos == 0 ? 0 : read / 1e6 / (elapsedNanos / 1e9);
        return String.format("\r[%s%s] %3d%% %,.0f MB/s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                             100 * Math.min(read, total) / total, mbPerSecond);
    }
}
