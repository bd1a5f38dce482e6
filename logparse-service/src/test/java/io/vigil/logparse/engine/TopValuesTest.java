package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vigil.logparse.format.Field;
import io.vigil.logparse.format.Formats;
import io.vigil.logparse.format.ParsedLine;
import io.vigil.logparse.format.TimeContext;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class TopValuesTest {
    @Test
    void countsExactlyAndOrdersByCountThenValue() {
        TopValues values = new TopValues(100);
        add(values, "/b", 3);
        add(values, "/a", 3);
        add(values, "/c", 5);
        add(values, "/d", 1);

        assertThat(values.top(3), is(List.of(new ValueCount("/c", 5), new ValueCount("/a", 3), new ValueCount("/b", 3))));
        assertThat(values.isExact(), is(true));
        assertThat(values.distinctCount(), is(4L));
        assertThat(values.maximumError(), is(0L));
    }

    @Test
    void keysAreCopiedSoTheLineBufferCanBeReused() {
        byte[] buffer = "1.2.3.4 - - [14/Mar/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5".getBytes(StandardCharsets.UTF_8);
        ParsedLine line = new ParsedLine();
        assertThat(Formats.byName("common", TimeContext.utc()).orElseThrow().parse(buffer, 0, buffer.length, line), is(true));
        TopValues values = new TopValues(100);
        values.add(line.buffer(Field.METHOD), line.start(Field.METHOD), line.end(Field.METHOD));

        buffer[buffer.length - 20] = 'P';

        assertThat(values.top(1).getFirst().value(), is("GET"));
    }

    @Test
    void pastTheCapSketchesTakeOverWithKnownErrors() {
        TopValues values = new TopValues(1000);
        add(values, "hot", 50_000);
        for (int i = 0; i < 20_000; i++) {
            add(values, "cold-" + i);
        }

        assertThat(values.isExact(), is(false));
        ValueCount top = values.top(1).getFirst();
        assertThat(top.value(), is("hot"));
        assertThat((double) Math.abs(top.count() - 50_000), lessThanOrEqualTo((double) values.maximumError()));
        assertThat((double) values.distinctCount(), closeTo(20_001, 20_001 * 0.03));
        assertThat(values.distinctRelativeError95(), greaterThan(0.0));
    }

    @Test
    void mergingExactCountersStaysExact() {
        TopValues left = new TopValues(3);
        TopValues right = new TopValues(3);
        add(left, "a", 2);
        add(left, "b", 1);
        add(right, "a", 1);
        add(right, "c", 4);
        add(right, "d", 1);

        left.merge(right);

        assertThat(left.isExact(), is(true));
        assertThat(left.top(10), is(List.of(new ValueCount("c", 4), new ValueCount("a", 3), new ValueCount("b", 1),
                                            new ValueCount("d", 1))));
        assertThat(left.distinctCount(), is(4L));
    }

    @Test
    void mergingWithASketchKeepsEverything() {
        TopValues exact = new TopValues(10);
        TopValues sketched = new TopValues(10);
        add(exact, "x", 7);
        for (int i = 0; i < 100; i++) {
            add(sketched, "v" + i);
        }
        add(sketched, "x", 5);

        exact.merge(sketched);

        assertThat(exact.isExact(), is(false));
        assertThat(exact.top(1).getFirst(), is(new ValueCount("x", 12)));
        assertThat((double) exact.distinctCount(), closeTo(101, 3));
    }

    @Test
    void valuesAddedLaterAreCountedOnceFlushedAsTheTableGrowsLarge() {
        TopValues values = new TopValues(1_000_000);
        byte[] block = new byte[20_000 * 8];
        for (int i = 0; i < 20_000; i++) {
            byte[] key = String.format("k%06d ", i % 15_000).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(key, 0, block, 8 * i, 8);
        }
        for (int i = 0; i < 20_000; i++) {
            values.addLater(block, 8 * i, 8 * i + 7, -1);
        }
        values.flush();

        assertThat(values.distinctCount(), is(15_000L));
        assertThat(values.top(2), is(List.of(new ValueCount("k000000", 2), new ValueCount("k000001", 2))));
        assertThat(values.isExact(), is(true));
    }

    @Test
    void valuesAddedLaterPastTheCapGoToTheSketches() {
        TopValues values = new TopValues(100);
        byte[] block = new byte[50_000 * 8];
        for (int i = 0; i < 50_000; i++) {
            byte[] key = String.format("v%06d ", i % 20_000).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(key, 0, block, 8 * i, 8);
        }
        for (int i = 0; i < 50_000; i++) {
            values.addLater(block, 8 * i, 8 * i + 7, -1);
        }
        values.flush();

        assertThat(values.isExact(), is(false));
        assertThat((double) values.distinctCount(), closeTo(20_000, 20_000 * 0.03));
    }

    private static void add(TopValues values, String value, int times) {
        for (int i = 0; i < times; i++) {
            add(values, value);
        }
    }

    private static void add(TopValues values, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        values.add(bytes, 0, bytes.length);
    }
}
