package io.vigil.perf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.vigil.logparse.engine.FormatThroughputBenchmark;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FormatThroughputBenchmark} for every format (or the formats named as arguments) and prints a markdown
 * table of MB/s and lines/s per core.
 */
public final class FormatBenchmarks {
    private FormatBenchmarks() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args formats to run (default: all), or {@code --quick} first for shorter iterations
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        List<String> formats = new ArrayList<>(List.of(args));
        boolean quick = formats.remove("--quick");
        if (formats.isEmpty()) {
            formats.addAll(SampleLogs.FORMATS);
            formats.add(formats.indexOf("combined") + 1, FormatThroughputBenchmark.CUSTOM_COMBINED);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(FormatThroughputBenchmark.class.getName())
                .param("format", formats.toArray(String[]::new))
                .forks(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(quick ? 3 : 6)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g");
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println("| format | MB/s per core (wall) | ± (99.9%) | lines/s per core (wall) | MB/s per CPU second "
                           + "| log (generated) |");
        System.out.println("|---|---|---|---|---|---|");
        for (RunResult result : results) {
            String format = result.getParams().getParam("format");
            byte[] log = SampleLogs.generate(FormatThroughputBenchmark.logOf(format), FormatThroughputBenchmark.BYTES,
                                             FormatThroughputBenchmark.SEED);
            long lines = 0;
            for (byte b : log) {
                lines += b == '\n' ? 1 : 0;
            }
            double perSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double cpuNanos = result.getSecondaryResults().get("cpuNanos").getScore();
            double bytes = result.getSecondaryResults().get("bytes").getScore();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f%% | %.0f | %.0f | %.0f MB, %d lines |%n", format,
                              perSecond * log.length / 1e6, 100 * error / perSecond, perSecond * lines, bytes / cpuNanos * 1e3,
                              log.length / 1e6, lines);
        }
    }
}
