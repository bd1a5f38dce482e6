package io.vigil.logparse.format;

/**
 * The hash by which the engine's counters find a field's value. It is defined word by word (eight bytes read
 * little-endian, then the last, partial word zero-padded, then the length), so a format that reads a field's words
 * anyway to find where the field ends computes the hash on the way ({@link ParsedLine#setHashed}) instead of the
 * counter reading the bytes again. Not for anything stored: it may change between versions.
 */
public final class KeyHash {
    /** The state before the first word. */
    public static final long SEED = 0x2545_F491_4F6C_DD1DL;

    private static final long M1 = 0x9E37_79B9_7F4A_7C15L;
    private static final long M2 = 0xC2B2_AE3D_27D4_EB4FL;

    private KeyHash() {
    }

    /**
     * Adds one full word of the key.
     *
     * @param state the state so far ({@link #SEED} before the first word)
     * @param word  the next eight bytes
     * @return the new state
     */
    public static long step(long state, long word) {
        return Long.rotateLeft((state ^ word) * M1, 29);
    }

    /**
     * Adds the key's last, partial word and its length.
     *
     * @param state  the state after the full words
     * @param tail   the remaining zero to seven bytes, zero-padded
     * @param length the key's length in bytes
     * @return the hash
     */
    public static int finish(long state, long tail, int length) {
        long h = (state ^ tail) * M2 ^ length;
        h ^= h >>> 32;
        h *= M1;
        return (int) (h ^ h >>> 29);
    }

    /**
     * The hash of a key whose first sixteen bytes are already read, as the counters read them (a key of up to sixteen
     * bytes is then hashed without touching the buffer again).
     *
     * @param w0     bytes 0..7, zero-padded
     * @param w1     bytes 8..15, zero-padded
     * @param buf    the key's bytes
     * @param start  first byte of the key
     * @param end    end of the key, exclusive
     * @return the hash
     */
    public static int of(long w0, long w1, byte[] buf, int start, int end) {
        int length = end - start;
        if (length < Long.BYTES) {
            return finish(SEED, w0, length);
        }
        long h = step(SEED, w0);
        if (length < 2 * Long.BYTES) {
            return finish(h, w1, length);
        }
        h = step(h, w1);
        int i = start + 2 * Long.BYTES;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = step(h, Swar.word(buf, i));
        }
        return finish(h, Swar.partialWord(buf, i, end), length);
    }
}
