package io.vigil.logparse.engine;

import io.vigil.logparse.format.Swar;

/**
 * Counts keys of at most fifteen bytes made only of digits and dots, starting with a digit, each packed into one
 * {@code long}, for {@link ByteCounter}. A log's clients are mostly IPv4 addresses, and there are so many distinct
 * ones (150k in a million lines) that theirs is the largest table of an analysis, far larger than the caches. Packed,
 * a key takes 16 bytes in the table instead of the 32 of a byte key, so twice as many fit in a cache, and it is hashed
 * with one multiplication. The packing keeps every byte (four bits each: a digit's value, or 14 for a dot) and the
 * length, so unpacking gives back exactly the bytes that were counted ({@code 010.0.0.1} and {@code 10.0.0.1} stay two
 * keys).
 *
 * <p>Layout: one open-addressing table (linear probing, at most 70% full) over a {@code long[]}, two longs per slot:
 * the packed key (never zero: its top four bits are the length), then its count.
 */
final class DigitKeyCounter {
    /** What {@link #pack} returns for a key that cannot be packed. */
    static final long NONE = 0;
    /** Longest key packed. */
    static final int MAX_LENGTH = 15;

    private static final int STRIDE = 2;
    private static final double MAX_LOAD = 0.7;
    /** Slots from which {@link #large()} holds: as many bytes as {@link ByteCounter}'s threshold. */
    private static final int LARGE_SLOTS = 2 * 8192 - 1;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LOW_NIBBLES = 0x0F0F_0F0F_0F0F_0F0FL;
    /** Added to a byte below 0x80: the high bit is set from 0x2E ('.') up. */
    private static final long FROM_DOT = 0x5252_5252_5252_5252L;
    /** Added to a byte below 0x80: the high bit is set from 0x3A (after '9') up. */
    private static final long AFTER_NINE = 0x4646_4646_4646_4646L;
    private static final long SLASHES = Swar.broadcast('/');
    private static final long SEVEN_FS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final int DOT_NIBBLE = '.' & 0xF;

    private long[] table = new long[64 * STRIDE];
    private int mask = 63;
    private int size;

    /** Distinct keys counted. */
    int size() {
        return size;
    }

    /** Whether the table is larger than the caches are likely to hold (see {@link ByteCounter#large()}). */
    boolean large() {
        return mask >= LARGE_SLOTS;
    }

    /**
     * A key of digits and dots packed into a long, without a branch per byte.
     *
     * @param w0     the key's bytes 0..7, little-endian, zero-padded
     * @param w1     bytes 8..15, zero-padded
     * @param length the key's length
     * @return the packed key, or {@link #NONE} when the key does not start with a digit, is longer than
     *         {@link #MAX_LENGTH} or has another byte
     */
    static long pack(long w0, long w1, int length) {
        // Most keys that are not numbers leave at the first byte: only a key that starts with a digit is packed (an
        // empty key has none).
        int first = (int) (w0 & 0xFF) - '0';
        if (first < 0 || first > 9 || length > MAX_LENGTH || ((w0 | w1) & HIGHS) != 0) {
            return NONE;
        }
        if (!digitsAndDots(w0, Swar.lowBytes(length) & HIGHS) || !digitsAndDots(w1, Swar.lowBytes(length - Long.BYTES) & HIGHS)) {
            return NONE;
        }
        return (long) length << 60 | nibbles(w1) << 32 | nibbles(w0);
    }

    /** Whether the bytes of an ASCII word that {@code highs} marks (by their high bit) are digits or dots. */
    private static boolean digitsAndDots(long word, long highs) {
        long fromDot = word + FROM_DOT;
        long afterNine = word + AFTER_NINE;
        // A byte is not '/' when it differs from it: then the difference plus 0x7F reaches the high bit.
        long notSlash = (word ^ SLASHES) + SEVEN_FS;
        return (fromDot & ~afterNine & notSlash & highs) == highs;
    }

    /** The low four bits of a word's eight bytes, as 32 bits (byte 0's in the lowest four). */
    private static long nibbles(long word) {
        long x = word & LOW_NIBBLES;
        x = (x | x >>> 4) & 0x00FF_00FF_00FF_00FFL;
        x = (x | x >>> 8) & 0x0000_FFFF_0000_FFFFL;
        return (x | x >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * Writes a packed key's bytes.
     *
     * @param key  as {@link #pack} returned it
     * @param into at least {@link #MAX_LENGTH} bytes
     * @return the key's length
     */
    static int unpack(long key, byte[] into) {
        int length = (int) (key >>> 60);
        for (int i = 0; i < length; i++) {
            int nibble = (int) (key >>> 4 * i) & 0xF;
            into[i] = (byte) (nibble == DOT_NIBBLE ? '.' : '0' + nibble);
        }
        return length;
    }

    /**
     * Reads the slot where a key's lookup starts, so that a batch of lookups has its cache misses in flight together
     * (see {@link ByteCounter#addAll}).
     *
     * @return the slot's first word, to be used so the read is not optimised away
     */
    long touch(long key) {
        return table[slot(key) * STRIDE];
    }

    /**
     * Counts occurrences of a key.
     *
     * @param key   a packed key
     * @param times occurrences to add
     * @param room  whether a new key may be added
     * @return {@code false} when the key is new and there is no room (nothing is counted then)
     */
    boolean add(long key, long times, boolean room) {
        for (int slot = slot(key); ; slot = slot + 1 & mask) {
            int at = slot * STRIDE;
            long found = table[at];
            if (found == key) {
                table[at + 1] += times;
                return true;
            }
            if (found == 0) {
                if (!room) {
                    return false;
                }
                table[at] = key;
                table[at + 1] = times;
                if (++size > MAX_LOAD * (mask + 1)) {
                    grow();
                }
                return true;
            }
        }
    }

    /** Adds every key of another counter with its count. */
    void addAll(DigitKeyCounter other) {
        long[] slots = other.table;
        for (int at = 0; at < slots.length; at += STRIDE) {
            if (slots[at] != 0) {
                add(slots[at], slots[at + 1], true);
            }
        }
    }

    /**
     * The number of slots, for iterating: a slot holds a key when its {@link #key} is not {@link #NONE}.
     *
     * @return the table's slots
     */
    int slots() {
        return mask + 1;
    }

    /** The packed key in a slot, or {@link #NONE}. */
    long key(int slot) {
        return table[slot * STRIDE];
    }

    /** The count of the key in a slot. */
    long count(int slot) {
        return table[slot * STRIDE + 1];
    }

    /**
     * Where a key's lookup starts. A product's bits depend only on the key's bits at and below them, so the key's upper
     * half (the last bytes of an address: what tells most addresses apart) is folded down before multiplying, and the
     * slot taken from the product's upper half.
     */
    private int slot(long key) {
        return home(key, mask);
    }

    private static int home(long key, int mask) {
        return (int) ((key ^ key >>> 31) * 0x9E37_79B9_7F4A_7C15L >>> 32) & mask;
    }

    private void grow() {
        table = LinearProbing.doubled(table, STRIDE, DigitKeyCounter::home);
        mask = table.length / STRIDE - 1;
    }
}
