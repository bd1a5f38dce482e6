package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ByteCounterTest {
    @Property(tries = 200)
    void countsLikeAHashMap(@ForAll @Size(max = 400) List<@StringLength(max = 40) String> keys,
                            @ForAll @IntRange(min = 1, max = 10) int limit) {
        ByteCounter counter = new ByteCounter();
        Map<String, Long> expected = new HashMap<>();
        for (String key : keys) {
            byte[] padded = ("<<" + key + ">>").getBytes(StandardCharsets.UTF_8);
            counter.add(padded, 2, padded.length - 2, 1, Integer.MAX_VALUE);
            expected.merge(key, 1L, Long::sum);
        }

        assertThat(counter.size(), is(expected.size()));
        List<ValueCount> top = expected.entrySet().stream()
                .map(entry -> new ValueCount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ByteCounterTest::utf8Order))
                .limit(limit)
                .toList();
        assertThat(counter.top(limit), is(top));
    }

    @Test
    void refusesNewKeysPastTheLimitButKeepsCountingKnownOnes() {
        ByteCounter counter = new ByteCounter();
        assertThat(add(counter, "a", 2), is(true));
        assertThat(add(counter, "b", 2), is(true));
        assertThat(add(counter, "c", 2), is(false));
        assertThat(add(counter, "a", 2), is(true));

        assertThat(counter.top(5), is(List.of(new ValueCount("a", 2), new ValueCount("b", 1))));
    }

    @Test
    void mergesAndGrowsWellPastItsInitialSize() {
        ByteCounter left = new ByteCounter();
        ByteCounter right = new ByteCounter();
        for (int i = 0; i < 50_000; i++) {
            add(left, "client-" + i, Integer.MAX_VALUE);
            add(right, "client-" + (i % 1000), Integer.MAX_VALUE);
        }

        left.addAll(right);

        assertThat(left.size(), is(50_000));
        assertThat(left.top(1), is(List.of(new ValueCount("client-0", 51))));
    }

    private static boolean add(ByteCounter counter, String key, int limit) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return counter.add(bytes, 0, bytes.length, 1, limit);
    }

    private static int utf8Order(ValueCount a, ValueCount b) {
        return Arrays.compareUnsigned(a.value().getBytes(StandardCharsets.UTF_8), b.value().getBytes(StandardCharsets.UTF_8));
    }
}
