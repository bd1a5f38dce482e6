package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.vigil.logparse.format.KeyHash;
import io.vigil.logparse.format.Swar;

import org.HdrHistogram.IntCountsHistogram;

/**
 * Requests, errors and a latency histogram per path, for at most {@link #CAPACITY} paths, so memory stays bounded
 * whatever the number of distinct paths. While a worker sees at most {@code CAPACITY} distinct paths every figure is
 * exact. Beyond that the table keeps the heavy hitters the way the Misra-Gries summary does: when it is full and a new
 * path comes, every path's weight drops by the median weight and the paths left at zero or below (at least half) make
 * room; their figures are forgotten. A path's figures then miss at most {@link #missed()} of its requests, and every
 * path with more requests than that is still in the table. Tables of different workers merge the same way.
 *
 * <p>Memory bound, per table: {@code CAPACITY} paths, each with its key (paths longer than {@link #MAX_PATH_BYTES} are
 * not tracked), five numbers, and an HdrHistogram of 2 significant digits (1% precision) with int counts that grows
 * only to its path's largest duration, capped at {@link #MAX_RECORDED_MICROS} (one hour; a longer duration counts as
 * one hour in the quantiles, the maximum stays exact): at most {@link #HISTOGRAM_MAX_BYTES} each, so at most
 * {@link #MAX_FOOTPRINT_BYTES} (about 16 MiB) in all, and about a tenth of that for durations under a second.
 * Recording a request allocates nothing once its path is in the table. Not thread-safe: each worker owns one.
 */
final class PathStats {
    /** Paths tracked at once; at least the longest top-N list the API reports (1000). */
    static final int CAPACITY = 1024;
    /** Longer paths are counted in the top paths, but get no latency figures: their keys would dominate the memory. */
    static final int MAX_PATH_BYTES = 2048;
    /** Durations are recorded up to one hour; the histogram's range and memory stop there. */
    static final long MAX_RECORDED_MICROS = 3_600_000_000L;
    /** A new histogram covers durations up to about a second (7 KiB); it grows, up to an hour, only when needed. */
    static final long INITIAL_RANGE_MICROS = (1L << 20) - 1;
    /** 1% precision: enough for a p99 in a table, a tenth of the memory of 3 digits. */
    static final int SIGNIFICANT_DIGITS = 2;
    /** One histogram covering 0 .. one hour at 2 digits: 26 buckets of 128 int counts, plus its fields. */
    static final long HISTOGRAM_MAX_BYTES = 26 * 128 * Integer.BYTES + 512;
    /** Keys, histograms and per-path numbers of a full table, plus its index. */
    static final long MAX_FOOTPRINT_BYTES = CAPACITY * (MAX_PATH_BYTES + HISTOGRAM_MAX_BYTES + 7L * Long.BYTES)
                                            + 4L * CAPACITY * Integer.BYTES;

    /** Index slots: four per path, so probes stay short. */
    private static final int INDEX_MASK = 4 * CAPACITY - 1;

    /** Entry id + 1 by hash, open addressing with linear probing; 0 is empty. */
    private final int[] index = new int[INDEX_MASK + 1];
    private final int[] hashes = new int[CAPACITY];
    private final int[] lengths = new int[CAPACITY];
    private final byte[][] keys = new byte[CAPACITY][];
    /** Requests less the purges' medians: what decides who stays. */
    private final long[] weights = new long[CAPACITY];
    private final long[] requests = new long[CAPACITY];
    private final long[] errors = new long[CAPACITY];
    private final long[] maxMicros = new long[CAPACITY];
    /** Requests with a duration; while there is only one, it is {@code maxMicros} and the histogram is not used. */
    private final long[] timed = new long[CAPACITY];
    /**
     * Created at a path's second duration, reset and reused when its entry is given to another path: most paths of a log
     * of many distinct paths come once, and their entries change hands without touching a histogram.
     */
    private final IntCountsHistogram[] histograms = new IntCountsHistogram[CAPACITY];
    private final long[] scratch = new long[CAPACITY];
    private int size;
    private long missed;

    /**
     * Counts one request of a path.
     *
     * @param buf            bytes holding the path
     * @param start          first byte of the path
     * @param end            end of the path, exclusive
     * @param hash           the path's {@link KeyHash} as an unsigned number, or -1 when not known
     * @param error          whether the request was an error, as the timeline counts them
     * @param durationMicros the request's duration, or a negative number when the line has none
     */
    void add(byte[] buf, int start, int end, long hash, boolean error, long durationMicros) {
        int length = end - start;
        if (length > MAX_PATH_BYTES) {
            return;
        }
        int h = hash >= 0 ? (int) hash : KeyHash.of(Swar.partialWord(buf, start, end),
                                                    Swar.partialWord(buf, start + Long.BYTES, end), buf, start, end);
        int id = find(h, buf, start, length);
        if (id < 0) {
            id = admit(h, buf, start, length);
        }
        weights[id]++;
        requests[id]++;
        if (error) {
            errors[id]++;
        }
        if (durationMicros >= 0) {
            record(id, durationMicros);
        }
    }

    /**
     * Adds another table's paths to this one.
     *
     * @param other table of another worker of the same analysis
     */
    void merge(PathStats other) {
        missed += other.missed;
        for (int from = 0; from < other.size; from++) {
            int length = other.lengths[from];
            int id = find(other.hashes[from], other.keys[from], 0, length);
            if (id < 0) {
                id = admit(other.hashes[from], other.keys[from], 0, length);
            }
            weights[id] += other.weights[from];
            requests[id] += other.requests[from];
            errors[id] += other.errors[from];
            if (other.timed[from] == 1) {
                record(id, other.maxMicros[from]);
            } else if (other.timed[from] > 1) {
                activeHistogram(id).add(other.histograms[from]);
                timed[id] += other.timed[from];
                maxMicros[id] = Math.max(maxMicros[id], other.maxMicros[from]);
            }
        }
    }

    /**
     * The most requests of any path that its figures may have missed: 0 while the table never overflowed.
     *
     * @return the sum of the medians dropped when the table was full
     */
    long missed() {
        return missed;
    }

    /** Paths in the table. */
    int size() {
        return size;
    }

    /**
     * What the table holds at most, by the same count as {@link #MAX_FOOTPRINT_BYTES}.
     *
     * @return bytes of keys, histograms, per-path numbers and index
     */
    long footprintBytes() {
        long bytes = 4L * CAPACITY * Integer.BYTES + CAPACITY * 7L * Long.BYTES;
        for (int id = 0; id < CAPACITY; id++) {
            bytes += keys[id] == null ? 0 : keys[id].length;
            bytes += histograms[id] == null ? 0 : histograms[id].getEstimatedFootprintInBytes();
        }
        return bytes;
    }

    /**
     * The figures of some paths, by path as UTF-8 text.
     *
     * @param paths the paths wanted, e.g. the top paths
     * @return figures of those of them that are in the table
     */
    Map<String, Figures> figures(Set<String> paths) {
        Map<String, Figures> found = new HashMap<>();
        for (int id = 0; id < size; id++) {
            String path = new String(keys[id], 0, lengths[id], StandardCharsets.UTF_8);
            if (paths.contains(path)) {
                found.put(path, new Figures(requests[id], errors[id], timed[id], timed[id] > 1 ? histograms[id] : null,
                                            maxMicros[id]));
            }
        }
        return found;
    }

    private void record(int id, long micros) {
        if (timed[id] > 0) {
            activeHistogram(id).recordValue(Math.min(micros, MAX_RECORDED_MICROS));
        }
        timed[id]++;
        if (micros > maxMicros[id]) {
            maxMicros[id] = micros;
        }
    }

    /** The entry's histogram, holding its durations so far (a single one moves in from {@code maxMicros}). */
    private IntCountsHistogram activeHistogram(int id) {
        IntCountsHistogram histogram = histograms[id];
        if (timed[id] > 1) {
            return histogram;
        }
        if (histogram == null) {
            // Sized for a second at once, growing beyond only when a path has slower requests: HdrHistogram grows by
            // catching an index out of bounds and copying its counts, which for 1000 paths from nothing cost as much as
            // the parsing (measured with perf/jmh on logfmt).
            histogram = new IntCountsHistogram(INITIAL_RANGE_MICROS, SIGNIFICANT_DIGITS);
            histogram.setAutoResize(true);
            histograms[id] = histogram;
        } else {
            histogram.reset();
        }
        if (timed[id] == 1) {
            histogram.recordValue(Math.min(maxMicros[id], MAX_RECORDED_MICROS));
        }
        return histogram;
    }

    /** The entry id of a path, or -1. */
    private int find(int hash, byte[] buf, int start, int length) {
        for (int slot = hash & INDEX_MASK; ; slot = slot + 1 & INDEX_MASK) {
            int entry = index[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && lengths[id] == length
                && Arrays.equals(keys[id], 0, length, buf, start, start + length)) {
                return id;
            }
        }
    }

    /** Gives a new path an entry, making room first when the table is full. */
    private int admit(int hash, byte[] buf, int start, int length) {
        if (size == CAPACITY) {
            purge();
        }
        int id = size++;
        if (keys[id] == null || keys[id].length < length) {
            keys[id] = new byte[Math.max(length, 32)];
        }
        System.arraycopy(buf, start, keys[id], 0, length);
        hashes[id] = hash;
        lengths[id] = length;
        weights[id] = 0;
        requests[id] = 0;
        errors[id] = 0;
        maxMicros[id] = -1;
        timed[id] = 0;
        insert(id);
        return id;
    }

    /** Drops every weight by the lower median and forgets the paths left at zero or below: at least half of them. */
    private void purge() {
        System.arraycopy(weights, 0, scratch, 0, size);
        long median = select(scratch, size, (size - 1) / 2);
        missed += median;
        int kept = 0;
        for (int id = 0; id < size; id++) {
            if (weights[id] > median) {
                move(id, kept);
                weights[kept] -= median;
                kept++;
            }
        }
        size = kept;
        Arrays.fill(index, 0);
        for (int id = 0; id < size; id++) {
            insert(id);
        }
    }

    /**
     * The {@code k}-th smallest of {@code values[0, size)} (Hoare's selection, reordering them in place): linear on
     * average, where sorting would cost a purge a dozen times more on a log of many distinct paths.
     */
    static long select(long[] values, int size, int k) {
        int low = 0;
        int high = size - 1;
        while (low < high) {
            long pivot = values[low + high >>> 1];
            int i = low;
            int j = high;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                high = j;
            } else if (k >= i) {
                low = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    /** Moves an entry to a lower id, swapping the arrays so the forgotten entry's key and histogram are reused. */
    private void move(int from, int to) {
        if (from == to) {
            return;
        }
        byte[] key = keys[to];
        keys[to] = keys[from];
        keys[from] = key;
        IntCountsHistogram histogram = histograms[to];
        histograms[to] = histograms[from];
        histograms[from] = histogram;
        hashes[to] = hashes[from];
        lengths[to] = lengths[from];
        weights[to] = weights[from];
        requests[to] = requests[from];
        errors[to] = errors[from];
        maxMicros[to] = maxMicros[from];
        timed[to] = timed[from];
    }

    private void insert(int id) {
        int slot = hashes[id] & INDEX_MASK;
        while (index[slot] != 0) {
            slot = slot + 1 & INDEX_MASK;
        }
        index[slot] = id + 1;
    }

    /**
     * One path's figures.
     *
     * @param requests  requests counted (all of the path's, unless the table overflowed)
     * @param errors    those of them that were errors
     * @param timed     those of them that had a duration
     * @param histogram their durations in microseconds when there were two or more, else {@code null}
     * @param maxMicros the largest duration, exact; -1 when none
     */
    record Figures(long requests, long errors, long timed, IntCountsHistogram histogram, long maxMicros) {
        /**
         * A quantile of the durations, never above the largest (a histogram bucket's top may lie above it).
         *
         * @param percentile 0..100
         * @return microseconds
         */
        long quantileMicros(double percentile) {
            return histogram == null ? maxMicros : Math.min(histogram.getValueAtPercentile(percentile), maxMicros);
        }
    }
}
