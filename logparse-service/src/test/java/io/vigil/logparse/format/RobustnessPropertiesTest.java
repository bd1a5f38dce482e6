package io.vigil.logparse.format;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the bytes, no format throws, and a rejected line always carries a reason.
 */
class RobustnessPropertiesTest {
    private static final List<LineFormat> FORMATS = Formats.all(FormatTesting.UTC);

    @Provide
    Arbitrary<byte[]> lines() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> structured = Arbitraries.strings()
                .withChars("<>[]{}\"\\=:,.-_ /*#0123456789aAZTtEIWFu\t\u00e9")
                .ofMaxLength(200)
                .map(FormatTesting::utf8);
        Arbitrary<byte[]> samples = Arbitraries.of(FORMATS).map(format -> FormatTesting.utf8(format.sample()))
                .flatMap(line -> Arbitraries.integers().between(0, line.length)
                        .map(cut -> java.util.Arrays.copyOf(line, cut)));
        return Arbitraries.oneOf(random, structured, samples);
    }

    @Property(tries = 2000)
    boolean neverThrowsAndAlwaysExplains(@ForAll("lines") byte[] line) {
        ParsedLine out = new ParsedLine();
        for (LineFormat format : FORMATS) {
            boolean ok = format.parse(line, 0, line.length, out);
            format.continuesRecord(line, 0, line.length);
            if (ok == (out.error() != null)) {
                return false;
            }
            for (int i = 0; i < out.extraCount(); i++) {
                out.extraName(i);
                out.extraValue(i);
            }
            out.string(Field.MSG);
            out.fieldCount();
        }
        return true;
    }
}
