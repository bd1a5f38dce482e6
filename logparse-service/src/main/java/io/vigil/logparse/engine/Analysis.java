package io.vigil.logparse.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.vigil.logparse.format.Level;


/**
 * The result of analysing one input: everything the summary document reports, merged from all workers.
 */
public final class Analysis {
    private final String format;
    private final boolean detected;
    private final long bytes;
    private final long elapsedMillis;
    private final Partial totals;
    private final Map<Integer, Long> firstLineOfBlock;

    Analysis(String format, boolean detected, long bytes, long elapsedMillis, Partial totals) {
        this.format = format;
        this.detected = detected;
        this.bytes = bytes;
        this.elapsedMillis = elapsedMillis;
        this.totals = totals;
        this.firstLineOfBlock = new TreeMap<>();
        long line = 1;
        for (Map.Entry<Integer, Integer> block : new TreeMap<>(totals.linesPerBlock).entrySet()) {
            firstLineOfBlock.put(block.getKey(), line);
            line += block.getValue();
        }
    }

    /** The format used. */
    public String format() {
        return format;
    }

    /** Whether the format was detected (rather than named by the caller, or the text fallback). */
    public boolean detected() {
        return detected;
    }

    /** Bytes of log text read (after gzip inflation). */
    public long bytes() {
        return bytes;
    }

    /** Wall time of the analysis. */
    public long elapsedMillis() {
        return elapsedMillis;
    }

    /** Line counts. */
    public Lines lines() {
        return new Lines(totals.lines, totals.parsed, totals.malformed, totals.empty, totals.records);
    }

    /** First and last timestamp, when any record had one. */
    public Optional<TimeRange> timeRange() {
        if (totals.firstMillis > totals.lastMillis) {
            return Optional.empty();
        }
        return Optional.of(new TimeRange(Instant.ofEpochMilli(totals.firstMillis), Instant.ofEpochMilli(totals.lastMillis)));
    }

    /** The first malformed lines, in input order. */
    public List<MalformedLine> malformedSamples() {
        return totals.samples.lines(firstLineOfBlock);
    }

    /** Records per level, for levels that occurred; empty when the format has no levels. */
    public Map<String, Long> levels() {
        Map<String, Long> levels = new LinkedHashMap<>();
        for (Level level : Level.values()) {
            long count = totals.levels[level.ordinal()];
            if (level != Level.NONE && count > 0) {
                levels.put(level.name(), count);
            }
        }
        return levels;
    }

    /** Whether any record was an HTTP request (had a status). */
    public boolean hasHttp() {
        return totals.httpRequests > 0;
    }

    /** HTTP requests counted. */
    public long httpRequests() {
        return totals.httpRequests;
    }

    /** Sum of response sizes. */
    public long bytesSent() {
        return totals.bytesSent;
    }

    /** Requests per status class, {@code 2xx} to {@code 5xx} always, others when they occurred. */
    public Map<String, Long> statusClasses() {
        Map<String, Long> classes = new LinkedHashMap<>();
        long[] perClass = new long[10];
        for (int status = 0; status < totals.statuses.length; status++) {
            perClass[status / 100] += totals.statuses[status];
        }
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] > 0 || c >= 2 && c <= 5) {
                classes.put(c + "xx", perClass[c]);
            }
        }
        return classes;
    }

    /** Requests per status code that occurred, by code. */
    public Map<String, Long> statuses() {
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (int status = 0; status < totals.statuses.length; status++) {
            if (totals.statuses[status] > 0) {
                statuses.put(String.valueOf(status), totals.statuses[status]);
            }
        }
        return statuses;
    }

    /** Requests per method. */
    public Map<String, Long> methods() {
        Map<String, Long> methods = new LinkedHashMap<>();
        totals.methods.top(Integer.MAX_VALUE).forEach(value -> methods.put(value.value(), value.count()));
        return methods;
    }

    /** Most requested paths (without query string). */
    public List<ValueCount> topPaths(int limit) {
        return totals.paths.top(limit);
    }

    /** Clients with the most requests. */
    public List<ValueCount> topClients(int limit) {
        return totals.clients.top(limit);
    }

    /** Most frequent user agents. */
    public List<ValueCount> topUserAgents(int limit) {
        return totals.userAgents.top(limit);
    }

    /** Most frequent referrers. */
    public List<ValueCount> topReferrers(int limit) {
        return totals.referrers.top(limit);
    }

    /** Distinct client addresses (an estimate when not {@link #exact()}). */
    public long uniqueClients() {
        return totals.clients.distinctCount();
    }

    /** Latency quantiles in milliseconds, when the format carries a duration. */
    public Optional<Latency> latencyMs() {
        if (totals.latencyMicros.getTotalCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Latency(totals.latencyMicros.getTotalCount(), quantile(50), quantile(90), quantile(99),
                                       totals.maxLatencyMicros / 1000.0));
    }

    /**
     * Requests, error share and latency quantiles of the most requested paths, in the order of {@link #topPaths}.
     * The count is the path's count in the top paths; the error share is of all its requests (or, when the per-path
     * table overflowed, see {@link PathStats}, of those since the path was last admitted to it), and the quantiles are
     * of those that carry a duration. A path without figures (longer than {@value PathStats#MAX_PATH_BYTES} bytes, or
     * dropped from an overflowing table) is left out.
     *
     * @param limit how many top paths
     * @return one entry per top path with figures
     */
    public List<PathLatency> pathLatency(int limit) {
        List<ValueCount> top = topPaths(limit);
        Set<String> wanted = new HashSet<>();
        top.forEach(value -> wanted.add(value.value()));
        Map<String, PathStats.Figures> figures = totals.pathStats.figures(wanted);
        List<PathLatency> rows = new ArrayList<>(top.size());
        for (ValueCount path : top) {
            PathStats.Figures found = figures.get(path.value());
            if (found != null && found.requests() > 0) {
                double errorPercent = Math.round(10_000.0 * found.errors() / found.requests()) / 100.0;
                Optional<Latency> latency = found.timed() == 0 ? Optional.empty()
                        : Optional.of(new Latency(found.timed(), quantile(found, 50), quantile(found, 90),
                                                  quantile(found, 99), found.maxMicros() / 1000.0));
                rows.add(new PathLatency(path.value(), path.count(), errorPercent, latency));
            }
        }
        return rows;
    }

    /** The timeline's bucket width. */
    public long timelineBucketSeconds() {
        return totals.timeline.bucketSeconds();
    }

    /** Records and errors per time bucket. */
    public List<TimelinePoint> timeline() {
        return totals.timeline.points();
    }

    /**
     * What the filters did, when any was set: the filters, the records each excluded first, and the records counted.
     *
     * @return the report, empty when the analysis had no filter
     */
    public Optional<FilterReport> filters() {
        RecordFilter filter = totals.filter;
        if (filter == null) {
            return Optional.empty();
        }
        Map<String, Long> excluded = new LinkedHashMap<>();
        long excludedTotal = 0;
        for (Filters.Criterion criterion : filter.criteria()) {
            excluded.put(criterion.key(), filter.excluded[criterion.ordinal()]);
            excludedTotal += filter.excluded[criterion.ordinal()];
        }
        return Optional.of(new FilterReport(filter.applied(), excluded, totals.records - excludedTotal));
    }

    /**
     * Whether every count is exact; false when a top-N or unique count came from a sketch, or when per-path figures
     * cover only part of a path's requests.
     */
    public boolean exact() {
        return totals.paths.isExact() && totals.clients.isExact() && totals.userAgents.isExact()
                && totals.referrers.isExact() && totals.methods.isExact() && totals.pathStats.missed() == 0;
    }

    /**
     * Error bounds of the estimated figures: the largest possible count error of each estimated top-N
     * list, the relative error (95% confidence) of the unique-client count, and the most requests of a path that its
     * {@link #pathLatency} figures may have missed.
     *
     * @return bounds by figure name; empty when {@link #exact()}
     */
    public Map<String, Number> errorBounds() {
        Map<String, Number> bounds = new LinkedHashMap<>();
        putIfEstimated(bounds, "topPaths", totals.paths);
        putIfEstimated(bounds, "topClients", totals.clients);
        putIfEstimated(bounds, "topUserAgents", totals.userAgents);
        putIfEstimated(bounds, "topReferrers", totals.referrers);
        putIfEstimated(bounds, "methods", totals.methods);
        if (!totals.clients.isExact()) {
            bounds.put("uniqueClientsRelativeError", totals.clients.distinctRelativeError95());
        }
        if (totals.pathStats.missed() > 0) {
            bounds.put("pathLatencyMaxMissedRequests", totals.pathStats.missed());
        }
        return bounds;
    }

    private static void putIfEstimated(Map<String, Number> bounds, String name, TopValues values) {
        if (!values.isExact()) {
            bounds.put(name + "MaxCountError", values.maximumError());
        }
    }

    private double quantile(double percentile) {
        // A quantile is the top of its HdrHistogram bucket, which may lie above the exact maximum: never report more.
        return Math.min(totals.latencyMicros.getValueAtPercentile(percentile), totals.maxLatencyMicros) / 1000.0;
    }

    private static double quantile(PathStats.Figures figures, double percentile) {
        return figures.quantileMicros(percentile) / 1000.0;
    }

    /**
     * Line counts.
     *
     * @param total     physical lines
     * @param parsed    lines that belong to a parsed record (first lines and folded continuation lines)
     * @param malformed lines that could not be parsed
     * @param empty     empty lines
     * @param records   parsed records
     */
    public record Lines(long total, long parsed, long malformed, long empty, long records) {
    }

    /**
     * The span of the timestamps.
     *
     * @param first earliest timestamp
     * @param last  latest timestamp
     */
    public record TimeRange(Instant first, Instant last) {
    }

    /**
     * What the filters did.
     *
     * @param applied  the filters, normalised, by parameter name (see {@link Filters#applied()})
     * @param excluded records excluded, by criterion key ({@link Filters.Criterion#key()}), each counted against the
     *                 first criterion that rejected it, in the order they are tried
     * @param matched  records that passed every filter: the records every other figure counts
     */
    public record FilterReport(Map<String, List<String>> applied, Map<String, Long> excluded, long matched) {
    }

    /**
     * Latency quantiles in milliseconds (from an HdrHistogram: within 0.1% of the true value; max is exact).
     *
     * @param count requests with a duration
     * @param p50   median
     * @param p90   90th percentile
     * @param p99   99th percentile
     * @param max   largest
     */
    public record Latency(long count, double p50, double p90, double p99, double max) {
    }

    /**
     * One path's requests, error share and latency.
     *
     * @param path         the path (without query string)
     * @param count        its requests, as in the top paths
     * @param errorPercent share of its requests that were errors (5xx, or a level of ERROR and above), in percent
     *                     rounded to two decimals
     * @param latencyMs    quantiles in milliseconds, from an HdrHistogram of 2 significant digits (within 1%; max is
     *                     exact), of its requests that carry a duration; empty when none did
     */
    public record PathLatency(String path, long count, double errorPercent, Optional<Latency> latencyMs) {
    }
}
