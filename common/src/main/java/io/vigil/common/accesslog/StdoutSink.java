package io.vigil.common.accesslog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * Standard output, shared with the service's own log lines: lines gather in a buffer and go out in one write per
 * batch, so they stay whole between the application log's lines.
 */
final class StdoutSink implements Sink {
    private static final int BATCH_BYTES = 64 * 1024;

    private final PrintStream out;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_BYTES);

    StdoutSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(byte[] line, int length) {
        if (batch.size() + length > BATCH_BYTES) {
            flush();
        }
        batch.write(line, 0, length);
    }

    @Override
    public void flush() {
        if (batch.size() > 0) {
            out.write(batch.toByteArray(), 0, batch.size());
            out.flush();
            batch.reset();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
