package io.vigil.perf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.vigil.logparse.engine.FilterThroughputBenchmark;
import io.vigil.logparse.engine.FormatThroughputBenchmark;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FilterThroughputBenchmark} for each filter, in two rounds, and prints per round a markdown table of MB/s
 * per core and per CPU second, with each filter's ratio to the unfiltered run of the same round: on a shared machine
 * the load changes while the filters run one after the other, and two rounds show how far that moves the ratios.
 */
public final class FilterBenchmarks {
    private FilterBenchmarks() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args {@code --quick} for fewer, shorter iterations; {@code --ignore-lock} to run while another JMH run
     *             holds its lock (a shared machine)
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        if (List.of(args).contains("--ignore-lock")) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        StringBuilder report = new StringBuilder();
        for (int round = 1; round <= 2; round++) {
            report.append("Round ").append(round).append(":\n\n").append(round(quick)).append('\n');
        }
        // After JMH's own output, which goes to the same stream.
        System.out.print(report);
        System.out.println("Filters: " + FilterThroughputBenchmark.FILTERS);
    }

    private static String round(boolean quick) throws RunnerException {
        List<String> filters = List.of("none", "keep-all", "status-5xx", "text");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(FilterThroughputBenchmark.class.getName())
                .param("filter", filters.toArray(String[]::new))
                .forks(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(quick ? 3 : 8)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g")
                .build()).run();
        List<double[]> rows = new ArrayList<>();
        for (RunResult result : results) {
            double perSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double perCpu = result.getSecondaryResults().get("bytes").getScore()
                            / result.getSecondaryResults().get("cpuNanos").getScore() * 1e3;
            rows.add(new double[] {perSecond * FormatThroughputBenchmark.BYTES / 1e6, 100 * error / perSecond, perCpu});
        }
        StringBuilder table = new StringBuilder("| filter | records counted | MB/s per core (wall) | ± (99.9%) "
                                                + "| ratio to none (wall) | MB/s per CPU second | ratio to none (CPU) |\n"
                                                + "|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < rows.size(); i++) {
            long[] counted = FilterThroughputBenchmark.countedAndRecords(filters.get(i));
            double[] row = rows.get(i);
            table.append(String.format(Locale.ROOT, "| %s | %,d of %,d | %.0f | %.0f%% | %.2f | %.0f | %.2f |%n",
                                       filters.get(i), counted[0], counted[1], row[0], row[1], row[0] / rows.getFirst()[0],
                                       row[2], row[2] / rows.getFirst()[2]));
        }
        return table.toString();
    }
}
