package io.vigil.logparse.format;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * {@link KeyHash#of} is the word-by-word definition a scanner follows, wherever the key lies in a buffer.
 */
class KeyHashTest {
    @Property(tries = 500)
    void theHashIsItsWordByWordDefinitionAtAnyOffset(@ForAll @Size(max = 60) byte[] key,
                                                     @ForAll @IntRange(max = 9) int before,
                                                     @ForAll @IntRange(max = 9) int after) {
        long state = KeyHash.SEED;
        int i = 0;
        for (; i + 8 <= key.length; i += 8) {
            state = KeyHash.step(state, Swar.word(key, i));
        }
        long tail = 0;
        for (int k = key.length - 1; k >= i; k--) {
            tail = tail << 8 | key[k] & 0xFF;
        }
        int expected = KeyHash.finish(state, tail, key.length);

        byte[] buffer = new byte[before + key.length + after];
        java.util.Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(key, 0, buffer, before, key.length);
        int s = before;
        int e = before + key.length;
        assertThat(KeyHash.of(Swar.partialWord(buffer, s, e), Swar.partialWord(buffer, s + 8, e), buffer, s, e), is(expected));
    }

    @Test
    void lengthAndEveryByteCount() {
        byte[] a = "Mozilla/5.0 (X11; Linux x86_64)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] b = a.clone();
        b[20]++;
        assertThat(hash(a, a.length), is(not(hash(b, b.length))));
        assertThat(hash(a, 3), is(not(hash(a, 4))));
        assertThat(hash(new byte[8], 0), is(not(hash(new byte[8], 1))));
    }

    private static int hash(byte[] key, int length) {
        return KeyHash.of(Swar.partialWord(key, 0, length), Swar.partialWord(key, 8, length), key, 0, length);
    }
}
