package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class BlockReaderTest {
    private static final int MAX_LINE = 256;

    @Test
    void blocksEndAtLineBoundariesAndTogetherAreTheInput() throws IOException {
        String input = lines(100_000, "line %d with some text");
        List<String> blocks = blocks(new ByteArrayInputStream(utf8(input)), Integer.MAX_VALUE);

        assertThat(String.join("", blocks), is(input));
        assertThat(blocks.size() > 1, is(true));
        for (String block : blocks) {
            assertThat(block.endsWith("\n"), is(true));
        }
    }

    @Test
    void theLastLineNeedNotEndWithANewline() throws IOException {
        assertThat(blocks(new ByteArrayInputStream(utf8("a\nb\nlast")), Integer.MAX_VALUE), is(List.of("a\nb\n", "last")));
        assertThat(blocks(new ByteArrayInputStream(new byte[0]), Integer.MAX_VALUE), is(List.of()));
    }

    @Test
    void aLineLongerThanABlockIsCutToItsHeadAndTheRestSkipped() throws IOException {
        int blockSize = BlockReader.blockSize(MAX_LINE);
        String huge = "h".repeat(3 * blockSize);
        String input = "before\n" + huge + "\nafter\n";
        BlockReader reader = new BlockReader(new ByteArrayInputStream(utf8(input)), MAX_LINE);

        StringBuilder all = new StringBuilder();
        byte[] buf = new byte[blockSize];
        for (int n = reader.next(buf); n >= 0; n = reader.next(buf)) {
            all.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }

        assertThat(all.toString(), is("before\n" + "h".repeat(MAX_LINE + 1) + "\nafter\n"));
        assertThat(reader.bytesRead(), is((long) input.length()));
        assertThat(reader.exhausted(), is(true));
    }

    @Test
    void aStreamingReaderHandsOutBlocksWithoutWaitingForAFullBuffer() throws IOException {
        InputStream trickle = new InputStream() {
            private final byte[] data = utf8(lines(2000, "record %d"));
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 100), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        BlockReader reader = new BlockReader(trickle, MAX_LINE, 1000);
        byte[] buf = new byte[BlockReader.blockSize(MAX_LINE)];

        int first = reader.next(buf);

        assertThat(first >= 900 && first <= 1100, is(true));
        assertThat(buf[first - 1], is((byte) '\n'));
    }

    private static List<String> blocks(InputStream in, int minFill) throws IOException {
        BlockReader reader = new BlockReader(in, MAX_LINE, minFill);
        byte[] buf = new byte[BlockReader.blockSize(MAX_LINE)];
        List<String> blocks = new ArrayList<>();
        for (int n = reader.next(buf); n >= 0; n = reader.next(buf)) {
            blocks.add(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return blocks;
    }

    static String lines(int count, String pattern) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(String.format(pattern, i)).append('\n');
        }
        return text.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
