package io.vigil.logparse.engine;

import java.io.IOException;
import java.time.Duration;

/**
 * Hands the blocks of one input to several workers in turn: a worker reads the next block into its own buffer under
 * this source's lock, then parses it while another worker reads. There is no reader thread and no hand-off queue, so
 * two cores run two busy threads, and a block is parsed by the core that just copied it (still in its cache).
 */
final class BlockSource {
    private final BlockReader reader;
    private final long deadlineNanos;
    private final Duration deadline;
    private int nextIndex;
    private volatile boolean stopped;

    /**
     * A source whose blocks are numbered from {@code firstIndex} (the blocks before were handed out already).
     *
     * @param reader        the input, cut at line boundaries
     * @param firstIndex    number of the next block
     * @param deadlineNanos {@link System#nanoTime()} past which {@link #next} fails
     * @param deadline      the configured deadline, for the message
     */
    BlockSource(BlockReader reader, int firstIndex, long deadlineNanos, Duration deadline) {
        this.reader = reader;
        this.nextIndex = firstIndex;
        this.deadlineNanos = deadlineNanos;
        this.deadline = deadline;
    }

    /**
     * Reads the next block into {@code buf}.
     *
     * @param buf a buffer of {@link BlockReader#blockSize} bytes, owned by the calling worker
     * @return the block's number (input order) and length, or {@code null} at the end or once stopped
     * @throws IOException when reading fails or the deadline has passed
     */
    synchronized Taken next(byte[] buf) throws IOException {
        if (stopped) {
            return null;
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new AnalysisDeadlineException(deadline);
        }
        int length = reader.next(buf);
        return length < 0 ? null : new Taken(nextIndex++, length);
    }

    /** Makes every later {@link #next} return {@code null}: a worker failed, the others stop reading. */
    void stop() {
        stopped = true;
    }

    /** A block read into the caller's buffer: its number in input order and its length. */
    record Taken(int index, int length) {
    }
}
