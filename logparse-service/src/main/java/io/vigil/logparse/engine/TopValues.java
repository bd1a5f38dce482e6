package io.vigil.logparse.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.logparse.format.Slice;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Counts the values of one field to report the most frequent ones. Counts are exact while at most
 * {@code cap} distinct values have been seen; beyond that a DataSketches frequent-items sketch takes
 * over, whose counts are estimates with a known maximum error. Mergeable, so workers and replicas can
 * each count their part.
 */
final class TopValues {
    /** Sketch size: 2^14 counters, error at most about 3.5 / 2^14 of the total count. */
    private static final int SKETCH_MAP_SIZE = 1 << 14;

    private final int cap;
    private Map<Slice, Count> exact = new HashMap<>();
    private ItemsSketch<String> sketch;

    TopValues(int cap) {
        this.cap = cap;
    }

    /**
     * Counts one occurrence of a value. The slice is only read; a copy is kept when the value is new.
     *
     * @param value a view on the current line
     */
    void add(Slice value) {
        if (sketch != null) {
            sketch.update(value.string());
            return;
        }
        Count count = exact.get(value);
        if (count == null) {
            if (exact.size() >= cap) {
                switchToSketch();
                sketch.update(value.string());
                return;
            }
            count = new Count();
            exact.put(value.copy(), count);
        }
        count.value++;
    }

    /** Whether the counts are exact (no sketch was needed). */
    boolean isExact() {
        return sketch == null;
    }

    /**
     * The largest possible error of a reported count: 0 while exact.
     *
     * @return maximum over- or under-count of any value
     */
    long maximumError() {
        return sketch == null ? 0 : sketch.getMaximumError();
    }

    /**
     * Adds another counter's values to this one.
     *
     * @param other counter of the same field, e.g. from another worker
     */
    void merge(TopValues other) {
        if (sketch == null && other.sketch == null) {
            other.exact.forEach((key, count) -> exact.computeIfAbsent(key, k -> new Count()).value += count.value);
            if (exact.size() > cap) {
                switchToSketch();
            }
            return;
        }
        if (sketch == null) {
            switchToSketch();
        }
        if (other.sketch != null) {
            sketch.merge(other.sketch);
        } else {
            other.exact.forEach((key, count) -> sketch.update(key.string(), count.value));
        }
    }

    /**
     * The most frequent values, most frequent first (ties by value).
     *
     * @param limit how many
     * @return values with their (possibly estimated) counts
     */
    List<ValueCount> top(int limit) {
        List<ValueCount> all = new ArrayList<>();
        if (sketch == null) {
            exact.forEach((key, count) -> all.add(new ValueCount(key.string(), count.value)));
        } else {
            for (ItemsSketch.Row<String> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
                all.add(new ValueCount(row.getItem(), row.getEstimate()));
            }
        }
        all.sort(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    private void switchToSketch() {
        sketch = new ItemsSketch<>(SKETCH_MAP_SIZE);
        exact.forEach((key, count) -> sketch.update(key.string(), count.value));
        exact = Map.of();
    }

    /** A mutable count, so the hot path updates in place instead of boxing. */
    private static final class Count {
        private long value;
    }
}
