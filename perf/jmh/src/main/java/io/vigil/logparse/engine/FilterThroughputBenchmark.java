package io.vigil.logparse.engine;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vigil.logparse.format.Formats;
import io.vigil.logparse.format.LineFormat;
import io.vigil.logparse.format.TimeContext;
import io.vigil.perf.SampleLogs;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What filters cost one parsing worker: the loop of {@link FormatThroughputBenchmark} on the generated combined log,
 * without filters, with filters that keep every record (so every test runs on every record), and with
 * {@code status=5xx} (which keeps about one record in eight, so less is counted). One operation is the whole log.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterThroughputBenchmark {
    /** The filters under test, by name. */
    public static final Map<String, Map<String, List<String>>> FILTERS = Map.of(
            "none", Map.of(),
            "keep-all", Map.of("from", List.of("2000-01-01T00:00:00Z"), "status", List.of("1xx", "2xx", "3xx", "4xx", "5xx"),
                               "path", List.of("/")),
            "status-5xx", Map.of("status", List.of("5xx")),
            "text", Map.of("text", List.of("zzz-not-there")));

    /** Which filters. */
    @Param({"none", "keep-all", "status-5xx", "text"})
    public String filter;

    private LineFormat lineFormat;
    private Filters filters;
    private final List<byte[]> blocks = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();

    /**
     * Generates the log (the same as {@link FormatThroughputBenchmark}'s combined) and cuts it into the engine's blocks.
     */
    @Setup
    public void setUp() {
        byte[] log = SampleLogs.generate("combined", FormatThroughputBenchmark.BYTES, FormatThroughputBenchmark.SEED);
        lineFormat = Formats.byName("combined", TimeContext.utc()).orElseThrow();
        filters = Filters.parse(name -> FILTERS.get(filter).getOrDefault(name, List.of()), ZoneOffset.UTC);
        FormatThroughputBenchmark.cut(log, blocks, lengths);
        long[] counted = counted(analyze());
        if (filter.equals("keep-all") && counted[0] != counted[1]) {
            throw new IllegalStateException("keep-all excluded " + (counted[1] - counted[0]) + " records");
        }
    }

    /**
     * Parses, filters and counts the whole log.
     *
     * @param cpu the thread's CPU time and the bytes parsed
     * @return the partial result, consumed by JMH
     */
    @Benchmark
    public Partial analyze(FormatThroughputBenchmark.CpuTime cpu) {
        cpu.bytes += FormatThroughputBenchmark.BYTES;
        return analyze();
    }

    private Partial analyze() {
        Partial partial = new Partial(lineFormat, LineFormat.DEFAULT_MAX_LINE_BYTES, 200_000, Analyzer.TIMELINE_POINTS,
                                      Analyzer.MALFORMED_SAMPLES, filters);
        for (int i = 0; i < blocks.size(); i++) {
            partial.block(i, blocks.get(i), lengths.get(i));
        }
        return partial;
    }

    /**
     * Records counted after filtering, for the report.
     *
     * @param filter a key of {@link #FILTERS}
     * @return records counted and records parsed
     */
    public static long[] countedAndRecords(String filter) {
        FilterThroughputBenchmark benchmark = new FilterThroughputBenchmark();
        benchmark.filter = filter;
        benchmark.setUp();
        return counted(benchmark.analyze());
    }

    private static long[] counted(Partial partial) {
        long excluded = 0;
        if (partial.filter != null) {
            for (long count : partial.filter.excluded) {
                excluded += count;
            }
        }
        return new long[] {partial.records - excluded, partial.records};
    }
}
