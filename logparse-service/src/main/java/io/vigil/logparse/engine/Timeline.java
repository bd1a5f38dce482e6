package io.vigil.logparse.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records per time bucket and how many of them were errors, with a bounded number of buckets: when a
 * new bucket would exceed {@code maxPoints}, the bucket width grows to the next step of a ladder whose
 * steps divide each other (1 s, 5 s, 10 s, 30 s, 1 min, ...), so buckets always align to the epoch and
 * timelines of different workers merge exactly.
 */
final class Timeline {
    private static final long[] WIDTHS_SECONDS = {1, 5, 10, 30, 60, 300, 600, 1800, 3600, 21_600, 86_400, 604_800,
        2_419_200, 31_449_600};

    private final int maxPoints;
    private int widthIndex;
    private TreeMap<Long, long[]> buckets = new TreeMap<>();
    /** The bucket of the last record, {@code [currentStart, currentEnd)}: consecutive records mostly share it. */
    private long currentStart = Long.MAX_VALUE;
    private long currentEnd = Long.MIN_VALUE;
    private long[] current;

    Timeline(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /**
     * Counts one record at a time.
     *
     * @param epochMillis when it happened
     * @param error       whether it was an error (status 5xx or level ERROR and above)
     */
    void add(long epochMillis, boolean error) {
        if (epochMillis < currentStart || epochMillis >= currentEnd) {
            current = bucket(bucketStart(epochMillis, widthMillis()));
            currentStart = bucketStart(epochMillis, widthMillis());
            currentEnd = currentStart + widthMillis();
        }
        current[0]++;
        if (error) {
            current[1]++;
        }
    }

    /**
     * Adds another timeline's counts to this one.
     *
     * @param other timeline from another worker
     */
    void merge(Timeline other) {
        int width = Math.max(widthIndex, other.widthIndex);
        regroup(width);
        for (Map.Entry<Long, long[]> entry : other.buckets.entrySet()) {
            long[] target = bucket(bucketStart(entry.getKey(), widthMillis()));
            target[0] += entry.getValue()[0];
            target[1] += entry.getValue()[1];
        }
    }

    /**
     * The bucket width.
     *
     * @return seconds per point
     */
    long bucketSeconds() {
        return WIDTHS_SECONDS[widthIndex];
    }

    /**
     * The points in time order.
     *
     * @return bucket start (epoch millis), count and errors per bucket
     */
    List<TimelinePoint> points() {
        List<TimelinePoint> points = new ArrayList<>(buckets.size());
        buckets.forEach((start, counts) -> points.add(new TimelinePoint(start, counts[0], counts[1])));
        return points;
    }

    private long widthMillis() {
        return WIDTHS_SECONDS[widthIndex] * 1000;
    }

    private long[] bucket(long start) {
        long[] counts = buckets.get(start);
        if (counts == null) {
            counts = new long[2];
            buckets.put(start, counts);
            if (buckets.size() > maxPoints && widthIndex < WIDTHS_SECONDS.length - 1) {
                regroup(widthIndex + 1);
                return bucket(bucketStart(start, widthMillis()));
            }
        }
        return counts;
    }

    private void regroup(int newWidthIndex) {
        if (newWidthIndex == widthIndex) {
            return;
        }
        widthIndex = newWidthIndex;
        TreeMap<Long, long[]> old = buckets;
        buckets = new TreeMap<>();
        currentStart = Long.MAX_VALUE;
        currentEnd = Long.MIN_VALUE;
        old.forEach((start, counts) -> {
            long[] target = buckets.computeIfAbsent(bucketStart(start, widthMillis()), key -> new long[2]);
            target[0] += counts[0];
            target[1] += counts[1];
        });
        if (buckets.size() > maxPoints && widthIndex < WIDTHS_SECONDS.length - 1) {
            regroup(widthIndex + 1);
        }
    }

    private static long bucketStart(long epochMillis, long widthMillis) {
        return Math.floorDiv(epochMillis, widthMillis) * widthMillis;
    }
}
