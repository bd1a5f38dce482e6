package io.vigil.gateway.http1;

import java.util.Arrays;

/**
 * A growable byte array written with ASCII/ISO-8859-1 text: builds a request head in one buffer, without the
 * copies a {@code StringBuilder} and {@code getBytes} would make.
 */
public final class AsciiBuilder {
    private byte[] bytes;
    private int length;

    /**
     * Creates a builder.
     *
     * @param capacity initial size of the buffer
     */
    public AsciiBuilder(int capacity) {
        this.bytes = new byte[capacity];
    }

    /**
     * Appends text; characters above 0xFF (which HTTP/1.1 header values cannot carry) become {@code ?}.
     *
     * @param text text to append
     * @return this builder
     */
    public AsciiBuilder append(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            bytes[length++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return this;
    }

    /**
     * Appends one character.
     *
     * @param c an ASCII character
     * @return this builder
     */
    public AsciiBuilder append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /**
     * Appends bytes.
     *
     * @param source bytes
     * @param offset first index
     * @param count  how many
     * @return this builder
     */
    public AsciiBuilder append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    /**
     * The buffer itself; only the first {@link #length()} bytes are meaningful.
     *
     * @return the buffer
     */
    public byte[] buffer() {
        return bytes;
    }

    /**
     * Bytes written.
     *
     * @return length
     */
    public int length() {
        return length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
