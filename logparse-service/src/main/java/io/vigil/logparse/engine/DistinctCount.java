package io.vigil.logparse.engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import io.vigil.logparse.format.Slice;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * Counts distinct values (client addresses): exactly while at most {@code cap} have been seen, then with
 * a DataSketches HyperLogLog sketch (relative standard error about 0.8%). Mergeable.
 */
final class DistinctCount {
    /** 2^14 HLL buckets: relative standard error 1.04 / sqrt(2^14), about 0.8%. */
    private static final int LG_K = 14;

    private final int cap;
    private Set<Slice> exact = new HashSet<>();
    private HllSketch sketch;

    DistinctCount(int cap) {
        this.cap = cap;
    }

    /**
     * Counts a value. The slice is only read; a copy is kept when the value is new.
     *
     * @param value a view on the current line
     */
    void add(Slice value) {
        if (sketch != null) {
            sketch.update(bytes(value));
            return;
        }
        if (!exact.contains(value)) {
            if (exact.size() >= cap) {
                switchToSketch();
                sketch.update(bytes(value));
                return;
            }
            exact.add(value.copy());
        }
    }

    /** Whether the count is exact. */
    boolean isExact() {
        return sketch == null;
    }

    /**
     * The number of distinct values (an estimate when not exact).
     *
     * @return distinct count
     */
    long count() {
        return sketch == null ? exact.size() : Math.round(sketch.getEstimate());
    }

    /**
     * The relative error of {@link #count()} at about 95% confidence: 0 while exact.
     *
     * @return relative error bound
     */
    double relativeError95() {
        if (sketch == null) {
            return 0;
        }
        double estimate = Math.max(1, sketch.getEstimate());
        return (sketch.getUpperBound(2) - estimate) / estimate;
    }

    /**
     * Adds another counter's values to this one.
     *
     * @param other counter of the same field, e.g. from another worker
     */
    void merge(DistinctCount other) {
        if (sketch == null && other.sketch == null) {
            exact.addAll(other.exact);
            if (exact.size() > cap) {
                switchToSketch();
            }
            return;
        }
        if (sketch == null) {
            switchToSketch();
        }
        Union union = new Union(LG_K);
        union.update(sketch);
        if (other.sketch != null) {
            union.update(other.sketch);
        } else {
            other.exact.forEach(value -> union.update(bytes(value)));
        }
        sketch = union.getResult();
    }

    /**
     * A copy of the value's bytes. Not a ByteBuffer view: DataSketches hashes those through
     * datasketches-memory, whose initialisation fails on Java 21 and later; byte arrays avoid it.
     */
    private static byte[] bytes(Slice value) {
        return Arrays.copyOfRange(value.buffer(), value.start(), value.end());
    }

    private void switchToSketch() {
        sketch = new HllSketch(LG_K);
        exact.forEach(value -> sketch.update(bytes(value)));
        exact = Set.of();
    }
}
