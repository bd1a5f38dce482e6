package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.logparse.format.KeyHash;
import io.vigil.logparse.format.Swar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ByteCounterTest {
    @Property(tries = 200)
    void countsLikeAHashMap(@ForAll("keys") List<String> keys,
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
    void batchesAndMergesCountLikeAHashMap(@ForAll("keys") List<String> keys,
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

    /**
     * Keys of every kind, and many that look like clients: IPv4 addresses (packed into a long by the counter) and near
     * misses that must stay byte keys (leading zeros, a port, sixteen bytes, a slash, IPv6).
     */
    @Provide
    Arbitrary<List<String>> keys() {
        Arbitrary<String> octet = Arbitraries.integers().between(0, 255).map(String::valueOf);
        Arbitrary<String> ipv4 = Combinators.combine(octet, octet, octet, octet)
                .as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> digitsAndDots = Arbitraries.strings().withChars("0123456789./:").ofMaxLength(18);
        Arbitrary<String> nearMiss = Combinators.combine(ipv4, Arbitraries.of("", "0", ":80", "/", ".", "a", "00", "1234"))
                .as((ip, suffix) -> suffix.equals("00") ? "0" + ip : ip + suffix);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(40);
        return Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(3, ipv4), Tuple.of(2, digitsAndDots), Tuple.of(2, nearMiss))
                .list().ofMaxSize(400);
    }

    @Test
    void packsKeysOfDigitsAndDotsAndSpellsThemBackAsTheyWere() {
        for (String key : List.of("0.0.0.0", "255.255.255.255", "10.0.0.1", "010.0.0.1", "1", "1.", "1..2", "123456789012345")) {
            byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
            long packed = DigitKeyCounter.pack(Swar.partialWord(bytes, 0, bytes.length), Swar.partialWord(bytes, 8, bytes.length),
                                               bytes.length);
            byte[] spelled = new byte[DigitKeyCounter.MAX_LENGTH];
            assertThat(key, packed == DigitKeyCounter.NONE, is(false));
            assertThat(new String(spelled, 0, DigitKeyCounter.unpack(packed, spelled), StandardCharsets.US_ASCII), is(key));
        }
        for (String key : List.of("", ".1.2.3", "1.2.3.4/", "1.2.3.4:80", "1234567890123456", "2001:db8::1", "1.2.3.a", "1 2")) {
            byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
            long packed = DigitKeyCounter.pack(Swar.partialWord(bytes, 0, bytes.length), Swar.partialWord(bytes, 8, bytes.length),
                                               bytes.length);
            assertThat(key, packed, is(DigitKeyCounter.NONE));
        }
    }

    @Test
    void ordersTiesInBytesAcrossPackedAndByteKeys() {
        ByteCounter counter = new ByteCounter();
        for (String key : List.of("9.9.9.9", "10.0.0.1", "10.0.0.1:80", "010.0.0.1", "2001:db8::1", "10.0.0.10", "a",
                                  "10.0.0.1")) {
            add(counter, key, Integer.MAX_VALUE);
        }

        assertThat(counter.size(), is(7));
        assertThat(counter.top(4), is(List.of(new ValueCount("10.0.0.1", 2), new ValueCount("010.0.0.1", 1),
                                              new ValueCount("10.0.0.10", 1), new ValueCount("10.0.0.1:80", 1))));
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
    void aBatchOfAddressesStopsAtTheFirstNewOnePastTheLimit() {
        ByteCounter counter = new ByteCounter();
        byte[] bytes = "1.1.1.1 a 2.2.2.2 1.1.1.1 a".getBytes(StandardCharsets.US_ASCII);
        int[] starts = {0, 8, 10, 18, 26};
        int[] ends = {7, 9, 17, 25, 27};
        assertThat(counter.addAll(bytes, starts, ends, new long[] {-1, -1, -1, -1, -1}, 5, 2), is(2));
        assertThat(counter.addAll(bytes, new int[] {18, 26}, new int[] {25, 27}, new long[] {-1, -1}, 2, 2), is(2));
        assertThat(counter.top(5), is(List.of(new ValueCount("1.1.1.1", 2), new ValueCount("a", 2))));
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

    @Test
    void mergesAndGrowsAddressesWellPastTheInitialSize() {
        ByteCounter left = new ByteCounter();
        ByteCounter right = new ByteCounter();
        for (int i = 0; i < 50_000; i++) {
            add(left, "10.0." + (i >> 8) + "." + (i & 0xFF), Integer.MAX_VALUE);
            add(right, "10.0.0." + (i % 200), Integer.MAX_VALUE);
        }

        left.addAll(right);

        assertThat(left.size(), is(50_000));
        assertThat(left.top(2), is(List.of(new ValueCount("10.0.0.0", 251), new ValueCount("10.0.0.1", 251))));
    }

    private static boolean add(ByteCounter counter, String key, int limit) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return counter.add(bytes, 0, bytes.length, 1, limit);
    }

    private static int utf8Order(ValueCount a, ValueCount b) {
        return Arrays.compareUnsigned(a.value().getBytes(StandardCharsets.UTF_8), b.value().getBytes(StandardCharsets.UTF_8));
    }
}
