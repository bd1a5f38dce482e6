package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * Counts the values of one field, to report the most frequent ones and how many distinct values there
 * were. Counts are exact while one counter has seen at most {@code cap} distinct values; beyond that two
 * DataSketches sketches take over: frequent items (counts with a known maximum error) and HyperLogLog
 * (distinct count, relative standard error about 0.8%). Mergeable, so workers (and replicas) can each
 * count their part; merging exact counters stays exact.
 */
final class TopValues {
    /** Frequent-items sketch size: 2^14 counters; any count is off by at most about 3.5 / 2^14 of the total. */
    private static final int ITEMS_MAP_SIZE = 1 << 14;
    /** 2^14 HLL buckets: relative standard error 1.04 / sqrt(2^14), about 0.8%. */
    private static final int HLL_LG_K = 14;

    /** Keys looked up together by {@link #addLater}. */
    static final int BATCH = 32;

    private final int cap;
    private byte[] pendingBuffer;
    private final int[] pendingStarts = new int[BATCH];
    private final int[] pendingEnds = new int[BATCH];
    private final long[] pendingHashes = new long[BATCH];
    private int pending;
    private ByteCounter exact = new ByteCounter();
    private ItemsSketch<String> items;
    private HllSketch distinct;

    TopValues(int cap) {
        this.cap = cap;
    }

    /**
     * Counts one occurrence of a value. The bytes are only read; a copy is kept when the value is new.
     *
     * @param buf   bytes holding the value, e.g. the current line
     * @param start first byte of the value
     * @param end   end of the value, exclusive
     */
    void add(byte[] buf, int start, int end) {
        if (items == null) {
            if (exact.add(buf, start, end, 1, cap)) {
                return;
            }
            switchToSketches();
        }
        items.update(new String(buf, start, end - start, StandardCharsets.UTF_8));
        distinct.update(Arrays.copyOfRange(buf, start, end));
    }

    /**
     * Counts one occurrence of a value now or soon: once the table is large, values are looked up in batches (see
     * {@link ByteCounter#addAll}), so the bytes must stay as they are until {@link #flush()}, e.g. values in a block
     * of lines being parsed.
     *
     * @param buf   bytes holding the value
     * @param start first byte of the value
     * @param end   end of the value, exclusive
     * @param hash  the value's {@link io.vigil.logparse.format.KeyHash} as an unsigned number, or -1 when not known
     */
    void addLater(byte[] buf, int start, int end, long hash) {
        if (items == null && pending == 0 && !exact.large()) {
            if (!exact.add(buf, start, end, hash, 1, cap)) {
                switchToSketches();
                add(buf, start, end);
            }
            return;
        }
        if (pending == BATCH || buf != pendingBuffer && pending > 0) {
            flush();
        }
        pendingBuffer = buf;
        pendingStarts[pending] = start;
        pendingEnds[pending] = end;
        pendingHashes[pending] = hash;
        pending++;
    }

    /**
     * Counts the values given to {@link #addLater} that are not counted yet.
     */
    void flush() {
        int count = pending;
        pending = 0;
        int done = items == null ? exact.addAll(pendingBuffer, pendingStarts, pendingEnds, pendingHashes, count, cap) : 0;
        for (int i = done; i < count; i++) {
            add(pendingBuffer, pendingStarts[i], pendingEnds[i]);
        }
    }

    /** Whether the counts are exact (no sketch was needed). */
    boolean isExact() {
        return items == null;
    }

    /**
     * The largest possible error of a reported count: 0 while exact.
     *
     * @return maximum over- or under-count of any value
     */
    long maximumError() {
        return items == null ? 0 : items.getMaximumError();
    }

    /**
     * The number of distinct values (an estimate when not exact).
     *
     * @return distinct count
     */
    long distinctCount() {
        return items == null ? exact.size() : Math.round(distinct.getEstimate());
    }

    /**
     * The relative error of {@link #distinctCount()} at about 95% confidence: 0 while exact.
     *
     * @return relative error bound
     */
    double distinctRelativeError95() {
        if (items == null) {
            return 0;
        }
        double estimate = Math.max(1, distinct.getEstimate());
        return (distinct.getUpperBound(2) - estimate) / estimate;
    }

    /**
     * Adds another counter's values to this one.
     *
     * @param other counter of the same field, e.g. from another worker
     */
    void merge(TopValues other) {
        if (items == null && other.items == null) {
            exact.addAll(other.exact);
            return;
        }
        if (items == null) {
            switchToSketches();
        }
        if (other.items == null) {
            other.exact.forEach(this::addToSketches);
            return;
        }
        items.merge(other.items);
        Union union = new Union(HLL_LG_K);
        union.update(distinct);
        union.update(other.distinct);
        distinct = union.getResult();
    }

    /**
     * The most frequent values, most frequent first (ties by value).
     *
     * @param limit how many
     * @return values with their (possibly estimated) counts
     */
    List<ValueCount> top(int limit) {
        if (items == null) {
            return exact.top(limit);
        }
        List<ValueCount> all = new ArrayList<>();
        for (ItemsSketch.Row<String> row : items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            all.add(new ValueCount(row.getItem(), row.getEstimate()));
        }
        all.sort(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    private void switchToSketches() {
        items = new ItemsSketch<>(ITEMS_MAP_SIZE);
        distinct = new HllSketch(HLL_LG_K);
        exact.forEach(this::addToSketches);
        exact = new ByteCounter();
    }

    private void addToSketches(byte[] buf, int offset, int length, long count) {
        items.update(new String(buf, offset, length, StandardCharsets.UTF_8), count);
        // byte[] rather than a ByteBuffer view: DataSketches hashes buffers through datasketches-memory,
        // whose initialisation fails on Java 21 and later.
        distinct.update(Arrays.copyOfRange(buf, offset, offset + length));
    }
}
