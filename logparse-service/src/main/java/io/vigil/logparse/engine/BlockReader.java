package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.InputStream;

import io.vigil.logparse.format.Swar;

/**
 * Cuts an input stream into blocks that end at a line boundary, so that workers can parse blocks
 * independently. A line longer than a block cannot be held: its first {@code maxLineBytes + 1} bytes are
 * kept (enough for the worker to see it is too long) and the rest is skipped up to its newline.
 */
final class BlockReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final int minFill;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean eof;
    private long bytesRead;

    BlockReader(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, Integer.MAX_VALUE);
    }

    /**
     * A reader that hands out a block as soon as it holds {@code minFill} bytes (and a newline), for
     * callers that stream results while the input is still arriving.
     */
    BlockReader(InputStream in, int maxLineBytes, int minFill) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.minFill = minFill;
    }

    /**
     * The smallest block size that works with a line limit: room for two longest lines.
     *
     * @param maxLineBytes longest line that is parsed
     * @return block size in bytes
     */
    static int blockSize(int maxLineBytes) {
        return Math.max(1 << 18, 4 * (maxLineBytes + 2));
    }

    /**
     * Fills {@code target} with the next block.
     *
     * @param target buffer of {@link #blockSize} bytes
     * @return bytes in the block (ending with a newline unless it is the last), or -1 at the end
     * @throws IOException when reading fails
     */
    int next(byte[] target) throws IOException {
        System.arraycopy(carry, 0, target, 0, carryLength);
        int length = carryLength;
        carryLength = 0;
        while (true) {
            length = fill(target, length, (int) Math.min(target.length, Math.max(minFill, 2L * length + 1)));
            int lastNewline = lastIndexOf(target, length, (byte) '\n');
            if (lastNewline >= 0) {
                keep(target, lastNewline + 1, length);
                return lastNewline + 1;
            }
            if (eof) {
                return length == 0 ? -1 : length;
            }
            if (length == target.length) {
                return truncateLongLine(target);
            }
        }
    }

    /** Reads until {@code want} bytes are in the buffer or the input ends. */
    private int fill(byte[] target, int length, int want) throws IOException {
        int filled = length;
        while (filled < want && !eof) {
            int n = in.read(target, filled, want - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
                bytesRead += n;
            }
        }
        return filled;
    }

    private void keep(byte[] target, int from, int to) {
        carryLength = to - from;
        if (carry.length < carryLength) {
            carry = new byte[target.length];
        }
        System.arraycopy(target, from, carry, 0, carryLength);
    }

    /** The block is one line with no end in sight: keep its head, drop the rest up to the newline. */
    private int truncateLongLine(byte[] target) throws IOException {
        int kept = maxLineBytes + 1;
        target[kept] = '\n';
        byte[] skip = new byte[8192];
        while (true) {
            int n = in.read(skip);
            if (n < 0) {
                eof = true;
                return kept + 1;
            }
            bytesRead += n;
            int newline = Swar.indexOf(skip, 0, n, (byte) '\n');
            if (newline >= 0) {
                keep(skip, newline + 1, n);
                return kept + 1;
            }
        }
    }

    /**
     * Whether every byte of the input has been handed out in blocks.
     *
     * @return {@code true} when {@link #next} would return -1
     */
    boolean exhausted() {
        return eof && carryLength == 0;
    }

    /**
     * Bytes consumed from the input so far.
     *
     * @return byte count
     */
    long bytesRead() {
        return bytesRead;
    }

    private static int lastIndexOf(byte[] buf, int end, byte value) {
        for (int i = end - 1; i >= 0; i--) {
            if (buf[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
