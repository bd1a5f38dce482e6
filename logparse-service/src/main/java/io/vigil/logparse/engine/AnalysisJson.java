package io.vigil.logparse.engine;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;


import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * Writes an {@link Analysis} as the summary document of the API (docs/architecture.md). Sections a format has no
 * data for (levels, http, latency, time range, timeline) are left out rather than zero-filled.
 */
public final class AnalysisJson {
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    private static final JsonGeneratorFactory PRETTY = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private AnalysisJson() {
    }

    /**
     * Writes the summary.
     *
     * @param analysis result to write
     * @param top      entries per top-N list
     * @param pretty   indent for humans
     * @param out      where to write (not closed)
     */
    public static void write(Analysis analysis, int top, boolean pretty, OutputStream out) {
        JsonGenerator json = (pretty ? PRETTY : GENERATORS).createGenerator(new NonClosingOutputStream(out));
        json.writeStartObject()
                .write("format", analysis.format())
                .write("detected", analysis.detected());
        Analysis.Lines lines = analysis.lines();
        json.writeStartObject("lines")
                .write("total", lines.total())
                .write("parsed", lines.parsed())
                .write("malformed", lines.malformed())
                .write("empty", lines.empty())
                .write("records", lines.records())
                .writeEnd()
                .write("bytes", analysis.bytes());
        filters(json, analysis);
        analysis.timeRange().ifPresent(range -> json.writeStartObject("timeRange")
                .write("first", range.first().toString())
                .write("last", range.last().toString())
                .writeEnd());
        samples(json, analysis.malformedSamples());
        counts(json, "levels", analysis.levels());
        if (analysis.hasHttp()) {
            http(json, analysis, top);
        }
        timeline(json, analysis);
        json.write("exact", analysis.exact());
        if (!analysis.exact()) {
            json.writeStartObject("errorBounds");
            analysis.errorBounds().forEach((name, bound) -> json.write(name, bound.doubleValue()));
            json.writeEnd();
        }
        json.write("elapsedMs", analysis.elapsedMillis())
                .writeEnd();
        json.close();
    }

    /** {@code "filters": {"applied": {...}, "excluded": {...}, "matched": n}}, when the analysis had filters. */
    private static void filters(JsonGenerator json, Analysis analysis) {
        analysis.filters().ifPresent(report -> {
            json.writeStartObject("filters").writeStartObject("applied");
            report.applied().forEach((name, values) -> {
                if (Filters.REPEATABLE.contains(name)) {
                    json.writeStartArray(name);
                    values.forEach(json::write);
                    json.writeEnd();
                } else {
                    json.write(name, values.getFirst());
                }
            });
            json.writeEnd();
            counts(json, "excluded", report.excluded());
            json.write("matched", report.matched()).writeEnd();
        });
    }

    private static void samples(JsonGenerator json, List<MalformedLine> samples) {
        json.writeStartArray("malformedSamples");
        for (MalformedLine sample : samples) {
            json.writeStartObject()
                    .write("line", sample.line())
                    .write("reason", sample.reason())
                    .write("text", sample.text())
                    .writeEnd();
        }
        json.writeEnd();
    }

    private static void http(JsonGenerator json, Analysis analysis, int top) {
        json.writeStartObject("http")
                .write("requests", analysis.httpRequests())
                .write("bytesSent", analysis.bytesSent());
        counts(json, "statusClasses", analysis.statusClasses());
        counts(json, "statuses", analysis.statuses());
        counts(json, "methods", analysis.methods());
        values(json, "topPaths", analysis.topPaths(top));
        values(json, "topClients", analysis.topClients(top));
        values(json, "topUserAgents", analysis.topUserAgents(top));
        values(json, "topReferrers", analysis.topReferrers(top));
        json.write("uniqueClients", analysis.uniqueClients());
        analysis.latencyMs().ifPresent(latency -> json.writeStartObject("latencyMs")
                .write("count", latency.count())
                .write("p50", latency.p50())
                .write("p90", latency.p90())
                .write("p99", latency.p99())
                .write("max", latency.max())
                .writeEnd());
        pathLatency(json, analysis.pathLatency(top));
        json.writeEnd();
    }

    private static void pathLatency(JsonGenerator json, List<Analysis.PathLatency> paths) {
        json.writeStartArray("pathLatency");
        for (Analysis.PathLatency path : paths) {
            json.writeStartObject()
                    .write("path", path.path())
                    .write("count", path.count())
                    .write("errorPercent", path.errorPercent());
            path.latencyMs().ifPresent(latency -> json.write("p50", latency.p50())
                    .write("p90", latency.p90())
                    .write("p99", latency.p99())
                    .write("max", latency.max()));
            json.writeEnd();
        }
        json.writeEnd();
    }

    private static void timeline(JsonGenerator json, Analysis analysis) {
        List<TimelinePoint> points = analysis.timeline();
        if (points.isEmpty()) {
            return;
        }
        json.writeStartObject("timeline")
                .write("bucketSeconds", analysis.timelineBucketSeconds())
                .writeStartArray("points");
        for (TimelinePoint point : points) {
            json.writeStartObject()
                    .write("t", Instant.ofEpochMilli(point.startMillis()).toString())
                    .write("count", point.count())
                    .write("errors", point.errors())
                    .writeEnd();
        }
        json.writeEnd().writeEnd();
    }

    private static void counts(JsonGenerator json, String name, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        json.writeStartObject(name);
        counts.forEach(json::write);
        json.writeEnd();
    }

    private static void values(JsonGenerator json, String name, List<ValueCount> values) {
        json.writeStartArray(name);
        for (ValueCount value : values) {
            json.writeStartObject().write("value", value.value()).write("count", value.count()).writeEnd();
        }
        json.writeEnd();
    }

    /** Lets the generator flush and close without closing the caller's stream. */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
