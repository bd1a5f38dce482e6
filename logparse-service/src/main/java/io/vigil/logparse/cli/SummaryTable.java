package io.vigil.logparse.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.vigil.logparse.engine.Analysis;
import io.vigil.logparse.engine.MalformedLine;
import io.vigil.logparse.engine.ValueCount;

/**
 * Prints an analysis as a readable table: overview lines, then the top lists, the latency of the top paths and
 * malformed samples.
 */
final class SummaryTable {
    private static final int VALUE_WIDTH = 60;
    /** The path column of the path latency table, narrower so its six numbers fit beside it. */
    private static final int PATH_WIDTH = 40;

    private final PrintStream out;

    SummaryTable(PrintStream out) {
        this.out = out;
    }

    void print(Analysis analysis, int top) {
        Analysis.Lines lines = analysis.lines();
        row("Format", analysis.format() + (analysis.detected() ? " (detected)" : ""));
        row("Lines", String.format(Locale.ROOT, "%,d total, %,d parsed, %,d malformed, %,d empty", lines.total(),
                                   lines.parsed(), lines.malformed(), lines.empty()));
        double seconds = Math.max(analysis.elapsedMillis(), 1) / 1000.0;
        row("Read", String.format(Locale.ROOT, "%,.1f MB in %.2f s (%,.0f MB/s)", analysis.bytes() / 1e6, seconds,
                                  analysis.bytes() / 1e6 / seconds));
        analysis.filters().ifPresent(filters -> row("Filters", String.format(Locale.ROOT, "%s: %,d records matched; excluded: %s",
                filters.applied(), filters.matched(), join(filters.excluded()))));
        analysis.timeRange().ifPresent(range -> row("Time range", range.first() + " .. " + range.last()));
        if (!analysis.levels().isEmpty()) {
            row("Levels", join(analysis.levels()));
        }
        if (analysis.hasHttp()) {
            http(analysis, top);
        }
        if (!analysis.exact()) {
            row("Estimates", "top lists and unique clients are estimates; error bounds: " + analysis.errorBounds());
        }
        List<MalformedLine> samples = analysis.malformedSamples();
        if (!samples.isEmpty()) {
            out.println();
            out.println("Malformed lines (first " + samples.size() + ")");
            samples.forEach(sample -> out.printf(Locale.ROOT, "  line %,d: %s: %s%n", sample.line(), sample.reason(),
                                                 clip(sample.text())));
        }
    }

    private void http(Analysis analysis, int top) {
        row("Requests", String.format(Locale.ROOT, "%,d, %,.1f MB sent, %,d unique clients", analysis.httpRequests(),
                                      analysis.bytesSent() / 1e6, analysis.uniqueClients()));
        row("Status", join(analysis.statusClasses()));
        row("Methods", join(analysis.methods()));
        analysis.latencyMs().ifPresent(latency -> row("Latency ms", String.format(Locale.ROOT,
                "p50 %.1f, p90 %.1f, p99 %.1f, max %.1f (%,d timed)", latency.p50(), latency.p90(), latency.p99(),
                latency.max(), latency.count())));
        list("Top paths", analysis.topPaths(top));
        pathLatency(analysis.pathLatency(top));
        list("Top clients", analysis.topClients(top));
        list("Top user agents", analysis.topUserAgents(top));
        list("Top referrers", analysis.topReferrers(top));
    }

    private void list(String title, List<ValueCount> values) {
        if (values.isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "%-" + VALUE_WIDTH + "s %12s%n", title, "count");
        values.forEach(value -> out.printf(Locale.ROOT, "%-" + VALUE_WIDTH + "s %,12d%n", clip(value.value()), value.count()));
    }

    /** Requests, error share and quantiles of the top paths; "-" where no request of a path had a duration. */
    private void pathLatency(List<Analysis.PathLatency> paths) {
        if (paths.isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "%-" + PATH_WIDTH + "s %10s %9s %9s %9s %9s %9s%n", "Path latency", "requests", "errors %",
                   "p50 ms", "p90 ms", "p99 ms", "max ms");
        for (Analysis.PathLatency path : paths) {
            String quantiles = path.latencyMs()
                    .map(ms -> String.format(Locale.ROOT, "%9.1f %9.1f %9.1f %9.1f", ms.p50(), ms.p90(), ms.p99(), ms.max()))
                    .orElse(String.format(Locale.ROOT, "%9s %9s %9s %9s", "-", "-", "-", "-"));
            out.printf(Locale.ROOT, "%-" + PATH_WIDTH + "s %,10d %9.2f %s%n", clip(path.path(), PATH_WIDTH), path.count(),
                       path.errorPercent(), quantiles);
        }
    }

    private void row(String name, String value) {
        out.printf(Locale.ROOT, "%-12s %s%n", name, value);
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %,d", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String clip(String text) {
        return clip(text, VALUE_WIDTH);
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
