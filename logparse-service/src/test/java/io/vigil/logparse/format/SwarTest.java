package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The eight-bytes-at-a-time searches and digit parsing agree with plain byte loops, on bytes drawn mostly from the
 * ones they look for.
 */
class SwarTest {
    @Provide
    Arbitrary<byte[]> text() {
        return Arbitraries.bytes().between((byte) ' ', (byte) '~')
                .array(byte[].class).ofMaxSize(80)
                .map(bytes -> sprinkle(bytes, "\n \"\\0123456789\u00ff"));
    }

    private static byte[] sprinkle(byte[] bytes, String specials) {
        byte[] chosen = specials.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += 3) {
            bytes[i] = chosen[(bytes[i] & 0xFF) % chosen.length];
        }
        return bytes;
    }

    @Property(tries = 500)
    void searchesAgreeWithPlainLoops(@ForAll("text") byte[] bytes, @ForAll @IntRange(max = 80) int from,
                                     @ForAll @IntRange(max = 80) int cut) {
        int start = Math.min(from, bytes.length);
        int end = Math.max(start, bytes.length - cut);
        assertThat(Swar.indexOf(bytes, start, end, (byte) '\n'), is(first(bytes, start, end, "\n", -1)));
        assertThat(Swar.indexOf(bytes, start, end, (byte) 0xFF), is(first(bytes, start, end, "\u00ff", -1)));
        assertThat(Swar.spaceOrEnd(bytes, start, end), is(first(bytes, start, end, " ", end)));
        assertThat(Swar.quoteOrBackslash(bytes, start, end), is(first(bytes, start, end, "\"\\", -1)));
    }

    @Property(tries = 500)
    void numbersAgreeWithAPlainLoop(@ForAll("text") byte[] bytes, @ForAll @IntRange(max = 80) int from,
                                    @ForAll @IntRange(max = 12) int length) {
        int start = Math.min(from, bytes.length);
        int end = Math.min(bytes.length, start + length);
        long expected = end == start ? Bytes.BAD : 0;
        for (int i = start; i < end && expected >= 0; i++) {
            int digit = bytes[i] - '0';
            expected = digit >= 0 && digit <= 9 ? expected * 10 + digit : Bytes.BAD;
        }
        assertThat(Bytes.parseLong(bytes, start, end), is(expected));
    }

    @Test
    void digitsAreCountedAndValuedUpToEight() {
        byte[] bytes = "12345678 0x 90071 99999999".getBytes(StandardCharsets.US_ASCII);
        assertThat(Swar.leadingDigits(Swar.word(bytes, 0)), is(8));
        assertThat(Swar.digitsValue(Swar.word(bytes, 0), 8), is(12_345_678L));
        assertThat(Swar.leadingDigits(Swar.word(bytes, 9)), is(1));
        assertThat(Swar.leadingDigits(Swar.word(bytes, 12)), is(5));
        assertThat(Swar.digitsValue(Swar.word(bytes, 12), 5), is(90_071L));
        assertThat(Swar.leadingDigits(Swar.word(bytes, 10)), is(0));
        byte[] nines = "99999999".getBytes(StandardCharsets.US_ASCII);
        assertThat(Swar.digitsValue(Swar.word(nines, 0), 8), is(99_999_999L));
        assertThat(Bytes.parseLong(bytes, 18, 26), is(99_999_999L));
    }

    /** The first byte of {@code [from, to)} that is one of {@code chars}, or {@code none}. */
    private static int first(byte[] bytes, int from, int to, String chars, int none) {
        byte[] wanted = chars.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = from; i < to; i++) {
            for (byte w : wanted) {
                if (bytes[i] == w) {
                    return i;
                }
            }
        }
        return none;
    }
}
