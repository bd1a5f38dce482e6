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
 * Requests, errors and latency per path, for at most {@link #CAPACITY} paths, so memory stays bounded whatever the
 * number of distinct paths. While a worker sees at most {@code CAPACITY} distinct paths every figure is exact. Beyond
 * that the table keeps the heavy hitters the way the Misra-Gries summary does: when it is full and a new path comes,
 * every path's weight drops by the median weight and the paths left at zero or below (at least half) make room; their
 * figures are forgotten. A path's figures then miss at most {@link #missed()} of its requests, and every path with more
 * requests than that is still in the table. Tables of different workers merge the same way.
 *
 * <p>Layout, for the hot path: one cache line per path ({@link #STRIDE} longs: the key's hash and length, its first
 * sixteen bytes, weight, requests, errors, largest and number of durations) and, in the next line, its first
 * {@link #INLINE_DURATIONS} durations. A lookup reads the index and that line (a longer key's bytes only when hash,
 * length and first bytes match). Only a path with more durations gets an HdrHistogram of 2 significant digits (1%
 * precision, int counts), so the many paths of a long tail that come a few times each never touch one; quantiles of a
 * path with fewer durations are exact.
 *
 * <p>Memory bound, per table: {@code CAPACITY} paths, each with its line pair, its key (paths longer than
 * {@link #MAX_PATH_BYTES} are not tracked) and at most one histogram, sized for a second at first and growing only to
 * its path's largest duration, capped at {@link #MAX_RECORDED_MICROS} (one hour; a longer duration counts as one hour
 * in the quantiles, the maximum stays exact): at most {@link #HISTOGRAM_MAX_BYTES} each, so at most
 * {@link #MAX_FOOTPRINT_BYTES} (about 16 MiB) in all, about half of that for durations under a second. Recording a
 * request allocates nothing once its path is in the table. Not thread-safe: each worker owns one.
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
    /** Durations a path keeps in its entry before it gets a histogram. */
    static final int INLINE_DURATIONS = 8;
    /** One histogram covering 0 .. one hour at 2 digits: 26 buckets of 128 int counts, plus its fields. */
    static final long HISTOGRAM_MAX_BYTES = 26 * 128 * Integer.BYTES + 512;
    /** Longs per entry: eight of figures, then the inline durations. */
    static final int STRIDE = 8 + INLINE_DURATIONS;
    /** Keys, histograms and entries of a full table, plus its index. */
    static final long MAX_FOOTPRINT_BYTES = CAPACITY * (MAX_PATH_BYTES + HISTOGRAM_MAX_BYTES + (long) STRIDE * Long.BYTES)
                                            + 4L * CAPACITY * Integer.BYTES;

    /** Index slots: four per path, so probes stay short. */
    private static final int INDEX_MASK = 4 * CAPACITY - 1;
    private static final int INLINE_KEY = 2 * Long.BYTES;
    private static final long LOW_INT = 0xFFFF_FFFFL;
    // Offsets in an entry.
    private static final int META = 0;
    private static final int WORD0 = 1;
    private static final int WORD1 = 2;
    /** Requests less the purges' medians: what decides who stays. */
    private static final int WEIGHT = 3;
    private static final int REQUESTS = 4;
    private static final int ERRORS = 5;
    private static final int MAX = 6;
    private static final int TIMED = 7;
    private static final int DURATIONS = 8;

    /** Entry id + 1 by hash, open addressing with linear probing; 0 is empty. */
    private final int[] index = new int[INDEX_MASK + 1];
    private final long[] entries = new long[CAPACITY * STRIDE];
    /** Each entry's whole key; reused, with its histogram, when the entry is given to another path. */
    private final byte[][] keys = new byte[CAPACITY][];
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
        long w0 = Swar.partialWord(buf, start, end);
        long w1 = Swar.partialWord(buf, start + Long.BYTES, end);
        int h = hash >= 0 ? (int) hash : KeyHash.of(w0, w1, buf, start, end);
        long meta = (long) h << 32 | length + 1;
        int at = find(meta, w0, w1, buf, start, length);
        if (at < 0) {
            at = admit(meta, w0, w1, buf, start, length);
        }
        entries[at + WEIGHT]++;
        entries[at + REQUESTS]++;
        if (error) {
            entries[at + ERRORS]++;
        }
        if (durationMicros >= 0) {
            record(at, durationMicros);
        }
    }

    /**
     * Adds another table's paths to this one.
     *
     * @param other table of another worker of the same analysis
     */
    void merge(PathStats other) {
        missed += other.missed;
        long[] theirs = other.entries;
        for (int id = 0; id < other.size; id++) {
            int from = id * STRIDE;
            long meta = theirs[from + META];
            int length = (int) (meta & LOW_INT) - 1;
            int at = find(meta, theirs[from + WORD0], theirs[from + WORD1], other.keys[id], 0, length);
            if (at < 0) {
                at = admit(meta, theirs[from + WORD0], theirs[from + WORD1], other.keys[id], 0, length);
            }
            entries[at + WEIGHT] += theirs[from + WEIGHT];
            entries[at + REQUESTS] += theirs[from + REQUESTS];
            entries[at + ERRORS] += theirs[from + ERRORS];
            long timed = theirs[from + TIMED];
            if (timed <= INLINE_DURATIONS) {
                for (int i = 0; i < timed; i++) {
                    record(at, theirs[from + DURATIONS + i]);
                }
            } else {
                histogram(at).add(other.histograms[id]);
                entries[at + TIMED] += timed;
                entries[at + MAX] = Math.max(entries[at + MAX], theirs[from + MAX]);
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
     * What the table holds, by the same count as {@link #MAX_FOOTPRINT_BYTES}.
     *
     * @return bytes of keys, histograms, entries and index
     */
    long footprintBytes() {
        long bytes = (long) index.length * Integer.BYTES + (long) entries.length * Long.BYTES;
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
            int at = id * STRIDE;
            String path = new String(keys[id], 0, (int) (entries[at + META] & LOW_INT) - 1, StandardCharsets.UTF_8);
            if (paths.contains(path)) {
                long timed = entries[at + TIMED];
                long[] inline = null;
                if (timed <= INLINE_DURATIONS) {
                    inline = Arrays.copyOfRange(entries, at + DURATIONS, at + DURATIONS + (int) timed);
                    Arrays.sort(inline);
                }
                found.put(path, new Figures(entries[at + REQUESTS], entries[at + ERRORS], timed,
                                            timed > INLINE_DURATIONS ? histograms[id] : null, inline, entries[at + MAX]));
            }
        }
        return found;
    }

    private void record(int at, long micros) {
        long timed = entries[at + TIMED];
        if (timed < INLINE_DURATIONS) {
            entries[at + DURATIONS + (int) timed] = micros;
        } else {
            histogram(at).recordValue(Math.min(micros, MAX_RECORDED_MICROS));
        }
        entries[at + TIMED] = timed + 1;
        if (micros > entries[at + MAX] || timed == 0) {
            entries[at + MAX] = micros;
        }
    }

    /**
     * The entry's histogram, holding its durations so far: while their count is at most {@link #INLINE_DURATIONS} they
     * are in the entry, and move in now (the caller then adds more, so the count says the histogram holds them).
     */
    private IntCountsHistogram histogram(int at) {
        int id = at / STRIDE;
        IntCountsHistogram histogram = histograms[id];
        long timed = entries[at + TIMED];
        if (timed > INLINE_DURATIONS) {
            return histogram;
        }
        if (histogram == null) {
            // Sized for a second at once, growing beyond only when a path has slower requests: HdrHistogram grows by
            // catching an index out of bounds and copying its counts, which for 1000 paths from nothing cost as much as
            // the parsing (measured on logfmt).
            histogram = new IntCountsHistogram(INITIAL_RANGE_MICROS, SIGNIFICANT_DIGITS);
            histogram.setAutoResize(true);
            histograms[id] = histogram;
        } else {
            histogram.reset();
        }
        // The caller is about to add durations, taking the count past the inline ones: from then on they are all here.
        for (int i = 0; i < timed; i++) {
            histogram.recordValue(Math.min(entries[at + DURATIONS + i], MAX_RECORDED_MICROS));
        }
        return histogram;
    }

    /** The entry (its first index in {@link #entries}) of a key, or -1. */
    private int find(long meta, long w0, long w1, byte[] buf, int start, int length) {
        for (int slot = (int) (meta >>> 32) & INDEX_MASK; ; slot = slot + 1 & INDEX_MASK) {
            int entry = index[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            int at = id * STRIDE;
            if (entries[at + META] == meta && entries[at + WORD0] == w0 && entries[at + WORD1] == w1
                && (length <= INLINE_KEY
                    || Arrays.equals(keys[id], INLINE_KEY, length, buf, start + INLINE_KEY, start + length))) {
                return at;
            }
        }
    }

    /** Gives a new path an entry, making room first when the table is full. */
    private int admit(long meta, long w0, long w1, byte[] buf, int start, int length) {
        if (size == CAPACITY) {
            purge();
        }
        int id = size++;
        if (keys[id] == null || keys[id].length < length) {
            keys[id] = new byte[Math.max(length, 32)];
        }
        System.arraycopy(buf, start, keys[id], 0, length);
        int at = id * STRIDE;
        Arrays.fill(entries, at, at + DURATIONS, 0);
        entries[at + META] = meta;
        entries[at + WORD0] = w0;
        entries[at + WORD1] = w1;
        insert(id);
        return at;
    }

    /** Drops every weight by the lower median and forgets the paths left at zero or below: at least half of them. */
    private void purge() {
        for (int id = 0; id < size; id++) {
            scratch[id] = entries[id * STRIDE + WEIGHT];
        }
        long median = select(scratch, size, (size - 1) / 2);
        missed += median;
        int kept = 0;
        for (int id = 0; id < size; id++) {
            if (entries[id * STRIDE + WEIGHT] > median) {
                move(id, kept);
                entries[kept * STRIDE + WEIGHT] -= median;
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
        System.arraycopy(entries, from * STRIDE, entries, to * STRIDE, STRIDE);
    }

    private void insert(int id) {
        int slot = (int) (entries[id * STRIDE + META] >>> 32) & INDEX_MASK;
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
     * @param histogram their durations in microseconds when there were more than {@link #INLINE_DURATIONS}, else
     *                  {@code null}
     * @param inline    else the durations themselves, sorted
     * @param maxMicros the largest duration, exact; 0 when none
     */
    record Figures(long requests, long errors, long timed, IntCountsHistogram histogram, long[] inline, long maxMicros) {
        /**
         * A quantile of the durations: the value at rank ceil(percentile% of them), as HdrHistogram defines it; exact
         * from the inline durations, else the top of the histogram's bucket but never above the largest duration.
         *
         * @param percentile 0..100
         * @return microseconds
         */
        long quantileMicros(double percentile) {
            if (histogram != null) {
                return Math.min(histogram.getValueAtPercentile(percentile), maxMicros);
            }
            int rank = (int) Math.ceil(percentile / 100 * inline.length - 1e-9);
            return inline[Math.clamp(rank - 1, 0, inline.length - 1)];
        }
    }
}
