package io.vigil.logparse.engine;

/**
 * The rehash shared by the counters' open-addressing tables ({@link ByteCounter}, {@link DigitKeyCounter}): a
 * {@code long[]} of slots of {@code stride} longs each, a slot empty while its first long is 0, collisions resolved by
 * linear probing.
 */
final class LinearProbing {
    /** Where an entry's lookup starts in a table of {@code mask + 1} slots, from the first long of its slot. */
    @FunctionalInterface
    interface Home {
        int slot(long first, int mask);
    }

    private LinearProbing() {
    }

    /**
     * A table of twice as many slots holding the same entries.
     *
     * @param old    the full table
     * @param stride longs per slot
     * @param home   where each entry's lookup starts in the new table
     * @return the new table; its mask is {@code length / stride - 1}
     */
    static long[] doubled(long[] old, int stride, Home home) {
        long[] table = new long[old.length * 2];
        int mask = table.length / stride - 1;
        for (int from = 0; from < old.length; from += stride) {
            if (old[from] != 0) {
                int slot = home.slot(old[from], mask);
                while (table[slot * stride] != 0) {
                    slot = slot + 1 & mask;
                }
                System.arraycopy(old, from, table, slot * stride, stride);
            }
        }
        return table;
    }
}
