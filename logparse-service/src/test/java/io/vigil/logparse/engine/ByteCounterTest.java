package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.logparse.format.KeyHash;
import io.vigil.logparse.format.Swar;

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

    @Property(tries = 100)
    void batchesAndMergesCountLikeAHashMap(@ForAll @Size(max = 300) List<@StringLength(max = 30) String> keys,
                                           @ForAll boolean knownHashes) {
        ByteCounter batched = new ByteCounter();
        ByteCounter merged = new ByteCounter();
        Map<String, Long> expected = new HashMap<>();
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        int[] starts = new int[keys.size()];
        int[] ends = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            starts[i] = block.size();
            block.writeBytes(keys.get(i).getBytes(StandardCharsets.UTF_8));
            ends[i] = block.size();
            block.write(' ');
            expected.merge(keys.get(i), 1L, Long::sum);
        }
        byte[] bytes = block.toByteArray();
        long[] hashes = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            hashes[i] = knownHashes ? KeyHash.of(Swar.partialWord(bytes, starts[i], ends[i]),
                                                 Swar.partialWord(bytes, starts[i] + 8, ends[i]), bytes, starts[i], ends[i])
                                      & 0xFFFF_FFFFL : -1;
        }
        for (int from = 0; from < keys.size(); from += 32) {
            int count = Math.min(32, keys.size() - from);
            int[] s = java.util.Arrays.copyOfRange(starts, from, from + count);
            int[] e = java.util.Arrays.copyOfRange(ends, from, from + count);
            long[] h = java.util.Arrays.copyOfRange(hashes, from, from + count);
            assertThat(batched.addAll(bytes, s, e, h, count, Integer.MAX_VALUE), is(count));
        }
        merged.addAll(batched);
        merged.addAll(new ByteCounter());

        for (ByteCounter counter : List.of(batched, merged)) {
            assertThat(counter.size(), is(expected.size()));
            Map<String, Long> counted = new HashMap<>();
            counter.forEach((buf, offset, length, count) ->
                    counted.put(new String(buf, offset, length, StandardCharsets.UTF_8), count));
            assertThat(counted, is(expected));
        }
    }

    @Test
    void aBatchStopsAtTheFirstKeyPastTheLimit() {
        ByteCounter counter = new ByteCounter();
        byte[] bytes = "a b c a".getBytes(StandardCharsets.US_ASCII);
        int[] starts = {0, 2, 4, 6};
        int[] ends = {1, 3, 5, 7};
        assertThat(counter.addAll(bytes, starts, ends, new long[] {-1, -1, -1, -1}, 4, 2), is(2));
        assertThat(counter.top(5), is(List.of(new ValueCount("a", 1), new ValueCount("b", 1))));
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
