package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class PathStatsTest {
    private static final long TWO_HOURS_MICROS = 7_200_000_000L;

    @Test
    void countsEachPathExactlyWhileThereIsRoom() {
        PathStats stats = new PathStats();
        add(stats, "/a", false, 1_000);
        add(stats, "/a", true, 3_000);
        add(stats, "/b", false, -1);

        Map<String, PathStats.Figures> figures = stats.figures(Set.of("/a", "/b", "/c"));

        assertThat(figures.size(), is(2));
        assertThat(figures.get("/a").requests(), is(2L));
        assertThat(figures.get("/a").errors(), is(1L));
        assertThat(figures.get("/a").timed(), is(2L));
        assertThat(figures.get("/a").maxMicros(), is(3_000L));
        assertThat(figures.get("/b").requests(), is(1L));
        assertThat(figures.get("/b").timed(), is(0L));
        assertThat(stats.missed(), is(0L));
    }

    @Test
    void quantilesAreExactForAFewDurationsAndWithinOnePercentFromTheHistogram() {
        PathStats stats = new PathStats();
        for (int ms = 1; ms <= 1000; ms++) {
            add(stats, "/many", false, ms * 1000L + 7);
        }
        for (long micros : new long[] {40_000, 10_000, 30_000, 20_000}) {
            add(stats, "/few", false, micros);
        }
        Map<String, PathStats.Figures> figures = stats.figures(Set.of("/many", "/few"));

        PathStats.Figures many = figures.get("/many");
        assertThat(many.timed(), is(1000L));
        assertThat((double) many.quantileMicros(50), closeTo(500_007, 5_000));
        assertThat((double) many.quantileMicros(99), closeTo(990_007, 9_900));
        assertThat(many.quantileMicros(99.99), is(1_000_007L));
        assertThat(many.maxMicros(), is(1_000_007L));
        PathStats.Figures few = figures.get("/few");
        assertThat(few.histogram() == null, is(true));
        assertThat(few.quantileMicros(50), is(20_000L));
        assertThat(few.quantileMicros(90), is(40_000L));
        assertThat(few.maxMicros(), is(40_000L));
    }

    @Test
    void mergedTablesEqualOneTableOfEverything() {
        PathStats one = new PathStats();
        PathStats first = new PathStats();
        PathStats second = new PathStats();
        for (int i = 0; i < 5_000; i++) {
            String path = "/p" + i % 300;
            boolean error = i % 7 == 0;
            long micros = i % 11 == 0 ? -1 : (i * 7_919L) % 2_000_000;
            add(one, path, error, micros);
            add(i % 2 == 0 ? first : second, path, error, micros);
        }
        first.merge(second);

        Set<String> all = one.figures(allPaths(300)).keySet();
        Map<String, PathStats.Figures> merged = first.figures(all);
        Map<String, PathStats.Figures> single = one.figures(all);
        assertThat(merged.size(), is(300));
        for (String path : all) {
            PathStats.Figures a = merged.get(path);
            PathStats.Figures b = single.get(path);
            assertThat(a.requests(), is(b.requests()));
            assertThat(a.errors(), is(b.errors()));
            assertThat(a.maxMicros(), is(b.maxMicros()));
            assertThat(a.timed(), is(b.timed()));
            assertThat(a.histogram(), is(b.histogram()));
        }
    }

    @Test
    void aHistogramStopsGrowingAtItsDocumentedSize() {
        IntCountsHistogram histogram = new IntCountsHistogram(PathStats.INITIAL_RANGE_MICROS, PathStats.SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        histogram.recordValue(PathStats.MAX_RECORDED_MICROS);

        assertThat(histogram.getEstimatedFootprintInBytes(), lessThanOrEqualTo((int) PathStats.HISTOGRAM_MAX_BYTES));
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfPathsAndHeavyHittersKeepTheirFigures() {
        PathStats stats = new PathStats();
        // First the worst case for memory: a full table of the longest tracked keys, each with a histogram at its
        // largest; then 200 000 distinct paths, among which two heavy hitters take a fifth of the requests each.
        for (int i = 0; i < PathStats.CAPACITY; i++) {
            String path = "/" + "x".repeat(PathStats.MAX_PATH_BYTES - 12) + String.format("%011d", i);
            add(stats, path, false, TWO_HOURS_MICROS);
        }
        long hot = 0;
        long hotErrors = 0;
        long peak = stats.footprintBytes();
        for (int i = 0; i < 1_000_000; i++) {
            if (i % 5 == 0) {
                add(stats, "/hot", i % 3 == 0, i % 1000 * 1000L);
                hot++;
                hotErrors += i % 3 == 0 ? 1 : 0;
            } else if (i % 5 == 1) {
                add(stats, "/warm", false, 5_000);
            } else {
                add(stats, "/cold/" + i, false, i);
            }
            if (i % 1000 == 0) {
                peak = Math.max(peak, stats.footprintBytes());
                assertThat(stats.size(), lessThanOrEqualTo(PathStats.CAPACITY));
            }
        }
        peak = Math.max(peak, stats.footprintBytes());

        assertThat(peak, lessThanOrEqualTo(PathStats.MAX_FOOTPRINT_BYTES));
        assertThat(PathStats.MAX_FOOTPRINT_BYTES, lessThanOrEqualTo(17L << 20));
        assertThat(stats.missed(), greaterThan(0L));
        PathStats.Figures figures = stats.figures(Set.of("/hot", "/warm")).get("/hot");
        assertThat(figures.requests(), lessThanOrEqualTo(hot));
        assertThat(figures.requests(), greaterThanOrEqualTo(hot - stats.missed()));
        assertThat((double) figures.errors() / figures.requests(), closeTo(
                (double) hotErrors / hot, 0.01));
        assertThat(figures.maxMicros(), is(995_000L));
        assertThat(stats.figures(Set.of("/warm")).size(), is(1));
    }

    @Test
    void tooLongPathsGetNoFigures() {
        PathStats stats = new PathStats();
        String path = "/" + "y".repeat(PathStats.MAX_PATH_BYTES);
        add(stats, path, false, 10);

        assertThat(stats.size(), is(0));
    }

    @Test
    void selectionFindsTheKthSmallestAsSortingWould() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            int size = 1 + random.nextInt(300);
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                values[i] = random.nextInt(round % 2 == 0 ? 5 : 1_000_000);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(size);

            assertThat(PathStats.select(values, size, k), is(sorted[k]));
        }
    }

    private static Set<String> allPaths(int count) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < count; i++) {
            paths.add("/p" + i);
        }
        return paths;
    }

    private static void add(PathStats stats, String path, boolean error, long micros) {
        byte[] bytes = ("  " + path + " ").getBytes(StandardCharsets.UTF_8);
        stats.add(bytes, 2, bytes.length - 1, -1, error, micros);
    }
}
