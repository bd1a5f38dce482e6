package io.vigil.gateway.proxy;

import java.util.Arrays;

/**
 * The first bytes of a request body, kept while the body streams upstream so that the request can be sent again to
 * another endpoint if the first one fails: only a body that fits whole can be replayed. It grows as bytes come and
 * is dropped as soon as the body outgrows it, so a large upload holds no more than it did before.
 */
final class ReplayBuffer {
    private final int capacity;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean overflowed;
    private boolean complete;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Keeps bytes of the body, unless it has outgrown the buffer.
     *
     * @param source bytes read from the client
     * @param count  how many
     */
    void append(byte[] source, int count) {
        if (overflowed) {
            return;
        }
        if (length + count > capacity) {
            overflowed = true;
            bytes = null;
            return;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(length + count, bytes.length * 2)));
        }
        System.arraycopy(source, 0, bytes, length, count);
        length += count;
    }

    /** The whole body has been read from the client. */
    void complete() {
        complete = true;
    }

    /**
     * Whether the whole body is here, to be sent again.
     *
     * @return {@code true} when the body ended within the buffer's capacity
     */
    boolean replayable() {
        return complete && !overflowed;
    }

    /**
     * Whether the body has outgrown the buffer.
     *
     * @return {@code true} once it has
     */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * The kept bytes; only the first {@link #length()} count.
     *
     * @return the buffer
     */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Bytes kept.
     *
     * @return length
     */
    int length() {
        return length;
    }
}
