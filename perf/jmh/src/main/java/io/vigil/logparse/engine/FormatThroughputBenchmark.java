package io.vigil.logparse.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vigil.logparse.format.CustomFormat;
import io.vigil.logparse.format.Formats;
import io.vigil.logparse.format.LineFormat;
import io.vigil.logparse.format.TimeContext;
import io.vigil.perf.SampleLogs;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one parsing worker does per core: every block of a generated log parsed and counted into a fresh partial result
 * (the engine's per-worker loop, without the reader and the merge). One operation is the whole log, {@link #BYTES} bytes;
 * MB/s per core is operations per second times that size. In the engine's package because the worker's loop is
 * package-private.
 *
 * <p>Besides JMH's score (wall time), {@link CpuTime} counts the benchmark thread's CPU time and the bytes it parsed:
 * on a machine shared with other work, bytes per CPU second is what one core does while it runs, which wall time
 * under-reports when the thread waits for a core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FormatThroughputBenchmark {
    /** Size of the generated log per format. */
    public static final int BYTES = 32 << 20;
    /** Seed of the generated log. */
    public static final long SEED = 42;

    /**
     * Not a built-in format: nginx's own {@code combined} {@code log_format} given as a custom format
     * ({@link #NGINX_COMBINED}), compiled, and run on the same generated log as the built-in {@code combined}.
     */
    public static final String CUSTOM_COMBINED = "custom-combined";
    /** nginx's predefined {@code combined} {@code log_format}, as a custom format. */
    public static final String NGINX_COMBINED = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status "
                                                + "$body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    /** The format under test. */
    @Param({"common", "combined", CUSTOM_COMBINED, "nginx-error", "apache-error", "syslog-rfc3164", "syslog-rfc5424", "logfmt",
        "json", "log4j", "python", "klog", "text"})
    public String format;

    private LineFormat lineFormat;
    private final List<byte[]> blocks = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();

    /**
     * Generates the log and cuts it into the engine's blocks.
     */
    @Setup
    public void setUp() {
        byte[] log = SampleLogs.generate(logOf(format), BYTES, SEED);
        lineFormat = format.equals(CUSTOM_COMBINED)
                ? CustomFormat.inline(NGINX_COMBINED).compile(TimeContext.utc())
                : Formats.byName(format, TimeContext.utc()).orElseThrow();
        cut(log, blocks, lengths);
        Partial check = analyze();
        if (check.malformed * 100 > check.lines) {
            throw new IllegalStateException(format + ": " + check.malformed + " of " + check.lines + " lines malformed");
        }
    }

    /**
     * Cuts a log into the engine's blocks, each ending at a line end, as the {@link BlockReader} does.
     *
     * @param log     the whole log
     * @param blocks  receives each block (of the engine's block size)
     * @param lengths receives the bytes used in each block
     */
    static void cut(byte[] log, List<byte[]> blocks, List<Integer> lengths) {
        int blockSize = BlockReader.blockSize(LineFormat.DEFAULT_MAX_LINE_BYTES);
        int start = 0;
        while (start < log.length) {
            int end = Math.min(log.length, start + blockSize);
            while (end < log.length && log[end - 1] != '\n') {
                end--;
            }
            byte[] block = new byte[blockSize];
            System.arraycopy(log, start, block, 0, end - start);
            blocks.add(block);
            lengths.add(end - start);
            start = end;
        }
    }

    /**
     * The generated log a benchmarked format reads: its own, or combined's for {@link #CUSTOM_COMBINED}.
     *
     * @param format a value of {@link #format}
     * @return a format of {@link SampleLogs}
     */
    public static String logOf(String format) {
        return format.equals(CUSTOM_COMBINED) ? "combined" : format;
    }

    /**
     * Parses and counts the whole log.
     *
     * @return the partial result, consumed by JMH
     */
    @Benchmark
    public Partial analyze(CpuTime cpu) {
        cpu.bytes += BYTES;
        return analyze();
    }

    private Partial analyze() {
        Partial partial = new Partial(lineFormat, LineFormat.DEFAULT_MAX_LINE_BYTES, 200_000, Analyzer.TIMELINE_POINTS,
                                      Analyzer.MALFORMED_SAMPLES);
        for (int i = 0; i < blocks.size(); i++) {
            partial.block(i, blocks.get(i), lengths.get(i));
        }
        return partial;
    }

    /** Secondary results per measurement iteration: the thread's CPU time and the bytes parsed in it. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        /** CPU time of the benchmark thread in the iteration. */
        public long cpuNanos;
        /** Bytes parsed in the iteration. */
        public long bytes;
        private long started;

        /** Starts the iteration's count. */
        @Setup(org.openjdk.jmh.annotations.Level.Iteration)
        public void start() {
            cpuNanos = 0;
            bytes = 0;
            started = THREADS.getCurrentThreadCpuTime();
        }

        /** Ends the iteration's count. */
        @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - started;
        }
    }
}
