package io.vigil.logparse.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A range {@code [start, end)} of a byte array, usually a field of the line being parsed.
 *
 * <p>Slices held by a {@link ParsedLine} are views: they are re-pointed for every line and their content is only
 * valid until the next line is parsed. {@link #equals(Object)} and {@link #hashCode()} compare content, so a view
 * can be used to look up counters in a hash map without creating a {@code String}; store a {@link #copy()} as the
 * key, never the view itself.
 */
public final class Slice {
    private static final byte[] NO_BYTES = new byte[0];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf = NO_BYTES;
    private int start;
    private int end;

    /**
     * An empty slice, to be pointed at data with {@code set}.
     */
    public Slice() {
    }

    private Slice(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
    }

    /**
     * A slice owning a copy of the given range.
     *
     * @param buf   bytes
     * @param start first index, inclusive
     * @param end   last index, exclusive
     * @return a slice that does not change when {@code buf} does
     */
    public static Slice copyOf(byte[] buf, int start, int end) {
        return new Slice(Arrays.copyOfRange(buf, start, end), 0, end - start);
    }

    /**
     * A slice of the UTF-8 bytes of a string.
     *
     * @param text text
     * @return a slice owning the encoded bytes
     */
    public static Slice of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Slice(bytes, 0, bytes.length);
    }

    void set(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
    }

    void clear() {
        this.start = 0;
        this.end = 0;
    }

    /**
     * The backing array (not a copy).
     *
     * @return bytes that hold this slice between {@link #start()} and {@link #end()}
     */
    public byte[] buffer() {
        return buf;
    }

    /**
     * First index of the slice in {@link #buffer()}.
     *
     * @return start, inclusive
     */
    public int start() {
        return start;
    }

    /**
     * End of the slice in {@link #buffer()}.
     *
     * @return end, exclusive
     */
    public int end() {
        return end;
    }

    /**
     * Number of bytes.
     *
     * @return length
     */
    public int length() {
        return end - start;
    }

    /**
     * Whether the slice has no bytes; absent fields are empty slices.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return end == start;
    }

    /**
     * One byte of the slice.
     *
     * @param index index relative to the slice start
     * @return the byte
     */
    public byte byteAt(int index) {
        return buf[start + index];
    }

    /**
     * Decodes the slice as UTF-8; malformed bytes become U+FFFD. Never throws.
     *
     * @return the text
     */
    public String string() {
        return isEmpty() ? "" : new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * An owned copy, safe to keep after the line is gone (e.g. as a map key).
     *
     * @return a slice with its own bytes
     */
    public Slice copy() {
        return copyOf(buf, start, end);
    }

    /**
     * Whether the slice holds exactly the given bytes.
     *
     * @param bytes expected content
     * @return {@code true} when equal
     */
    public boolean contentEquals(byte[] bytes) {
        return Arrays.equals(buf, start, end, bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Slice that && Arrays.equals(buf, start, end, that.buf, that.start, that.end);
    }

    @Override
    public int hashCode() {
        // Eight bytes per step: counting top values hashes every field of every line.
        long h = 0x9E3779B97F4A7C15L ^ (end - start);
        int i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (; i < end; i++) {
            tail = tail << 8 | buf[i] & 0xff;
        }
        h = (h ^ tail) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }

    @Override
    public String toString() {
        return string();
    }
}
