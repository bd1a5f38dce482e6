package io.vigil.logparse.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SIMD within a register: byte searches and digit parsing eight bytes at a time, in a {@code long} read little-endian
 * from the buffer (the first byte is the lowest). The searches read only inside the range they are given: whole words
 * while eight bytes remain, then byte by byte. Optimised: the formats' delimiter scans and the engine's line splitting
 * run on these.
 */
public final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    /** Added to a byte {@code d}, sets its high bit exactly when {@code d >= 10}. */
    private static final long ABOVE_NINE = 0x7676_7676_7676_7676L;
    private static final long SPACES = broadcast(' ');
    private static final long QUOTES = broadcast('"');
    private static final long BACKSLASHES = broadcast('\\');

    private Swar() {
    }

    /**
     * The word of eight bytes at {@code i}, first byte lowest; the caller checks {@code i + 8 <= b.length}.
     *
     * @param b bytes
     * @param i index of the first byte
     * @return the word
     */
    public static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * Up to eight bytes of {@code b[from, end)} as a word, zero-padded: the last, partial word of a field.
     *
     * @param b    bytes
     * @param from first byte
     * @param end  end of the field, exclusive (bytes from it on are not part of the word)
     * @return the word; 0 when {@code from >= end}
     */
    public static long partialWord(byte[] b, int from, int end) {
        if (from + Long.BYTES <= b.length) {
            return word(b, from) & lowBytes(end - from);
        }
        long word = 0;
        for (int i = Math.min(end, from + Long.BYTES) - 1; i >= from; i--) {
            word = word << 8 | b[i] & 0xFF;
        }
        return word;
    }

    /**
     * A mask of a word's first {@code n} bytes.
     *
     * @param n bytes to keep
     * @return none when {@code n <= 0}, all when {@code n >= 8}
     */
    public static long lowBytes(int n) {
        if (n >= Long.BYTES) {
            return -1L;
        }
        return n <= 0 ? 0 : -1L >>> (Long.BYTES - n << 3);
    }

    /**
     * A word with every byte equal to {@code c}.
     *
     * @param c the byte (its low eight bits)
     * @return the pattern to search for with {@link #matches}
     */
    public static long broadcast(int c) {
        return (c & 0xFFL) * ONES;
    }

    /**
     * The bytes of {@code word} equal to the byte of {@code pattern}: the high bit of each such byte is set. Exact for
     * the lowest such byte (bits above it may be spurious), which is all the searches use.
     *
     * @param word    eight bytes
     * @param pattern a {@link #broadcast} byte
     * @return non-zero when some byte matches
     */
    public static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * Index of the byte whose high bit is the lowest set bit of a non-zero {@link #matches} result.
     *
     * @param i       index of the word's first byte
     * @param matches non-zero match bits
     * @return index of the first matching byte
     */
    public static int firstMatch(int i, long matches) {
        return i + (Long.numberOfTrailingZeros(matches) >>> 3);
    }

    /**
     * The first {@code c} in {@code b[from, to)}.
     *
     * @param b    bytes
     * @param from first index searched
     * @param to   end of the search, exclusive
     * @param c    the byte
     * @return its index, or -1
     */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        long pattern = broadcast(c);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = matches(word(b, i), pattern);
            if (found != 0) {
                return firstMatch(i, found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first space in {@code b[from, to)}, or {@code to}: the end of a token.
     *
     * @param b    bytes
     * @param from first index searched
     * @param to   end of the search, exclusive
     * @return index of the space, or {@code to}
     */
    static int spaceOrEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = matches(word(b, i), SPACES);
            if (found != 0) {
                return firstMatch(i, found);
            }
        }
        while (i < to && b[i] != ' ') {
            i++;
        }
        return i;
    }

    /**
     * The first double quote or backslash in {@code b[from, to)}: where a quoted string may end or escape.
     *
     * @param b    bytes
     * @param from first index searched
     * @param to   end of the search, exclusive
     * @return its index, or -1
     */
    static int quoteOrBackslash(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = word(b, i);
            long found = matches(w, QUOTES) | matches(w, BACKSLASHES);
            if (found != 0) {
                return firstMatch(i, found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '"' || b[i] == '\\') {
                return i;
            }
        }
        return -1;
    }

    /**
     * How many of the word's bytes, from the first, are ASCII digits.
     *
     * @param word eight bytes
     * @return 0 to 8
     */
    static int leadingDigits(long word) {
        // Byte by byte, d = byte - '0' is 0..9 for a digit; a borrow from a non-digit only reaches the bytes after it.
        long d = word - ZEROS;
        long nonDigits = (d | d + ABOVE_NINE) & HIGHS;
        return Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /**
     * The value of the first {@code count} bytes of the word, which are ASCII digits, without a branch per digit.
     *
     * @param word  eight bytes
     * @param count 1 to 8
     * @return the number
     */
    static long digitsValue(long word, int count) {
        // Shift the digits to the top so the missing ones are leading zeros, then combine neighbours: 2, 4, 8 digits.
        long d = (word - ZEROS) << ((Long.BYTES - count) << 3);
        d = d * 10 + (d >>> 8) & 0x00FF_00FF_00FF_00FFL;
        d = d * 100 + (d >>> 16) & 0x0000_FFFF_0000_FFFFL;
        return d * 10_000 + (d >>> 32) & 0xFFFF_FFFFL;
    }
}
