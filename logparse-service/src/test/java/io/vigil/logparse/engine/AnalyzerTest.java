package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalyzerTest {
    private static final AnalyzeOptions AUTO = new AnalyzeOptions(AnalyzeOptions.AUTO, ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC));
    private static final String ACCESS_LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html?x=1 HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /index.html HTTP/1.1" 304 0 "https://ref.example/" "Firefox"
            this line is not an access log line
            10.0.0.1 - - [14/Mar/2026:10:00:02 +0000] "POST /api/upload HTTP/1.1" 503 42 "-" "curl/8.5.0"

            10.0.0.3 - - [14/Mar/2026:10:01:30 +0000] "GET /index.html HTTP/1.1" 200 100 "-" "Firefox"
            """;

    @Test
    void summarisesAnAccessLog() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, EngineLimits.DEFAULTS);

        assertThat(analysis.format(), is("combined"));
        assertThat(analysis.detected(), is(true));
        assertThat(analysis.lines(), is(new Analysis.Lines(6, 4, 1, 1, 4)));
        assertThat(analysis.bytes(), is((long) ACCESS_LOG.getBytes(StandardCharsets.UTF_8).length));
        assertThat(analysis.timeRange().orElseThrow(), is(new Analysis.TimeRange(Instant.parse("2026-03-14T10:00:00Z"),
                                                                                  Instant.parse("2026-03-14T10:01:30Z"))));
        assertThat(analysis.malformedSamples().size(), is(1));
        assertThat(analysis.malformedSamples().getFirst().line(), is(3L));
        assertThat(analysis.malformedSamples().getFirst().text(), is("this line is not an access log line"));
        assertThat(analysis.httpRequests(), is(4L));
        assertThat(analysis.bytesSent(), is(242L));
        assertThat(analysis.statuses(), is(Map.of("200", 2L, "304", 1L, "503", 1L)));
        assertThat(analysis.statusClasses(), is(Map.of("2xx", 2L, "3xx", 1L, "4xx", 0L, "5xx", 1L)));
        assertThat(analysis.methods(), is(Map.of("GET", 3L, "POST", 1L)));
        assertThat(analysis.topPaths(1), is(List.of(new ValueCount("/index.html", 3))));
        assertThat(analysis.topClients(1), is(List.of(new ValueCount("10.0.0.1", 2))));
        assertThat(analysis.topReferrers(5), is(List.of(new ValueCount("https://ref.example/", 1))));
        assertThat(analysis.uniqueClients(), is(3L));
        assertThat(analysis.exact(), is(true));
        assertThat(analysis.latencyMs().isPresent(), is(false));
        assertThat(analysis.levels(), is(Map.of()));
        assertThat(analysis.timelineBucketSeconds(), is(1L));
        assertThat(analysis.timeline().getFirst(), is(new TimelinePoint(Instant.parse("2026-03-14T10:00:00Z").toEpochMilli(),
                                                                         1, 0)));
    }

    @Test
    void theJsonDocumentLeavesOutWhatTheFormatDoesNotHave() throws IOException {
        String appLog = """
                2026-03-14 10:15:30,123 ERROR [main] com.example.App - failed to connect
                java.net.ConnectException: refused
                \tat com.example.Db.open(Db.java:42)
                2026-03-14 10:15:31,000 INFO  [main] com.example.App - retrying
                """;
        JsonObject json = json(analyze(appLog, EngineLimits.DEFAULTS));

        assertThat(json.getString("format"), is("log4j"));
        assertThat(json.getJsonObject("lines").getInt("records"), is(2));
        assertThat(json.getJsonObject("lines").getInt("parsed"), is(4));
        assertThat(json.getJsonObject("levels").toString(), is("{\"INFO\":1,\"ERROR\":1}"));
        assertThat(json.containsKey("http"), is(false));
        assertThat(json.getJsonObject("timeline").getJsonArray("points").getJsonObject(0).getInt("errors"), is(1));
        assertThat(json.getBoolean("exact"), is(true));
        assertThat(json.getJsonArray("malformedSamples").size(), is(0));
    }

    @Test
    void latencyQuantilesComeFromTheDurationField() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            log.append("10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" ")
                    .append(i * 1000).append('\n');
        }
        Analysis.Latency latency = analyze(log.toString(), EngineLimits.DEFAULTS).latencyMs().orElseThrow();

        assertThat(latency.count(), is(1000L));
        assertThat(latency.p50(), closeTo(500, 15));
        assertThat(latency.p99(), closeTo(990, 15));
        assertThat(latency.max(), is(1000.0));
    }

    @Test
    void noQuantileIsAboveTheLargestDuration() throws IOException {
        // HdrHistogram answers a quantile with the top of its bucket, which can lie above every recorded value.
        String line = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" 271817\n";
        Analysis.Latency latency = analyze(line + line, EngineLimits.DEFAULTS).latencyMs().orElseThrow();

        assertThat(latency.max(), is(271.817));
        assertThat(latency.p50(), is(271.817));
        assertThat(latency.p99(), is(271.817));
    }

    @Test
    void perPathLatencyOfAHandBuiltLog() throws IOException {
        String log = """
                10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /api HTTP/1.1" 200 1 "-" "ua" 10000
                10.0.0.1 - - [14/Mar/2026:10:00:01 +0000] "GET /api HTTP/1.1" 200 1 "-" "ua" 20000
                10.0.0.1 - - [14/Mar/2026:10:00:02 +0000] "GET /api?q=1 HTTP/1.1" 500 1 "-" "ua" 30000
                10.0.0.1 - - [14/Mar/2026:10:00:03 +0000] "GET /api HTTP/1.1" 404 1 "-" "ua" 40000
                10.0.0.1 - - [14/Mar/2026:10:00:04 +0000] "GET /api HTTP/1.1" 503 1 "-" "ua" 1000123
                10.0.0.1 - - [14/Mar/2026:10:00:05 +0000] "GET /api HTTP/1.1" 200 1 "-" "ua"
                10.0.0.2 - - [14/Mar/2026:10:00:06 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" 271817
                """;
        Analysis analysis = analyze(log, EngineLimits.DEFAULTS);
        List<Analysis.PathLatency> paths = analysis.pathLatency(10);

        assertThat(paths.stream().map(Analysis.PathLatency::path).toList(), is(List.of("/api", "/")));
        Analysis.PathLatency api = paths.getFirst();
        assertThat(api.count(), is(6L));
        assertThat(api.errorPercent(), is(33.33));
        Analysis.Latency latency = api.latencyMs().orElseThrow();
        assertThat(latency.count(), is(5L));
        assertThat(latency.p50(), is(30.0));
        assertThat(latency.p90(), is(1000.123));
        assertThat(latency.p99(), is(1000.123));
        assertThat(latency.max(), is(1000.123));
        Analysis.Latency root = paths.get(1).latencyMs().orElseThrow();
        assertThat(paths.get(1).errorPercent(), is(0.0));
        assertThat(root.p50(), is(271.817));
        assertThat(root.max(), is(271.817));
        // The same figures, under http.pathLatency of the document.
        JsonObject first = json(analysis).getJsonObject("http").getJsonArray("pathLatency").getJsonObject(0);
        assertThat(first.getString("path"), is("/api"));
        assertThat(first.getInt("count"), is(6));
        assertThat(first.getJsonNumber("errorPercent").doubleValue(), is(33.33));
        assertThat(first.getJsonNumber("max").doubleValue(), is(1000.123));
        assertThat(first.getJsonNumber("p50").doubleValue(), is(30.0));
    }

    @Test
    void aLogWithoutDurationsHasPathCountsAndErrorsButNoQuantiles() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, EngineLimits.DEFAULTS);

        assertThat(analysis.pathLatency(10), is(List.of(
                new Analysis.PathLatency("/index.html", 3, 0.0, Optional.empty()),
                new Analysis.PathLatency("/api/upload", 1, 100.0, Optional.empty()))));
        JsonObject upload = json(analysis).getJsonObject("http").getJsonArray("pathLatency").getJsonObject(1);
        assertThat(upload.keySet(), is(Set.of("path", "count", "errorPercent")));
    }

    @Test
    void perPathLatencyOnTwoWorkersEqualsOneWorker() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            log.append("10.0.%d.%d - - [14/Mar/2026:10:%02d:%02d +0000] \"GET /p%d HTTP/1.1\" %d 10 \"-\" \"ua\" %d\n"
                    .formatted(i % 7, i % 200, i / 1000 % 60, i % 60, i % 37, i % 13 == 0 ? 502 : 200,
                               i * 7_919L % 3_000_000));
        }
        Analysis parallel = analyze(log.toString(), settings(2));
        Analysis serial = analyze(log.toString(), settings(1));

        assertThat(parallel.pathLatency(50).size(), is(37));
        assertThat(parallel.pathLatency(50), is(serial.pathLatency(50)));
        assertThat(json(parallel).getJsonObject("http").getJsonArray("pathLatency"),
                   is(json(serial).getJsonObject("http").getJsonArray("pathLatency")));
    }

    @Test
    void manyBlocksOnTwoWorkersGiveTheSameAnswerAsOneWorkerWithLineNumbersIntact() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            String line = "10.0.%d.%d - - [14/Mar/2026:10:%02d:%02d +0000] \"GET /p%d HTTP/1.1\" %d 10 \"-\" \"ua\""
                    .formatted(i % 7, i % 200, i / 1000 % 60, i % 60, i % 50, i % 13 == 0 ? 500 : 200);
            log.append(i % 9_999 == 0 ? "garbage line " + i : line).append('\n');
        }
        EngineLimits two = settings(2);
        EngineLimits one = settings(1);

        Analysis parallel = analyze(log.toString(), two);
        Analysis serial = analyze(log.toString(), one);

        assertThat(parallel.lines(), is(serial.lines()));
        assertThat(parallel.lines().malformed(), is(5L));
        assertThat(parallel.malformedSamples().stream().map(MalformedLine::line).toList(),
                   is(List.of(1L, 10_000L, 19_999L, 29_998L, 39_997L)));
        assertThat(parallel.statuses(), is(serial.statuses()));
        assertThat(parallel.topPaths(5), is(serial.topPaths(5)));
        assertThat(parallel.uniqueClients(), is(serial.uniqueClients()));
        assertThat(parallel.timeline(), is(serial.timeline()));
        assertThat(json(parallel).getJsonObject("http").toString(), is(json(serial).getJsonObject("http").toString()));
    }

    @Test
    void aReadFailureOnAWorkerIsTheAnalysisFailureUnwrapped() {
        byte[] log = manyLines(20_000);
        IOException reset = new IOException("connection reset");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(log)) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > log.length / 2) {
                    throw reset;
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };

        IOException thrown = assertThrows(IOException.class, () -> new Analyzer(settings(2)).analyze(failing, AUTO));

        assertThat(thrown, is(sameInstance(reset)));
    }

    @Test
    void aPassedDeadlineStopsTheWorkers() {
        EngineLimits d = EngineLimits.DEFAULTS;
        EngineLimits hurried = new EngineLimits(d.maxLineBytes(), d.maxBodyBytes(), d.maxInflatedBytes(), d.maxInflateRatio(),
                                                d.exactDistinct(), 2, Duration.ofNanos(1));
        byte[] log = manyLines(20_000);

        assertThrows(AnalysisDeadlineException.class,
                     () -> new Analyzer(hurried).analyze(new ByteArrayInputStream(log), AUTO));
    }

    /** Combined lines, more than one block's worth for the counts used here. */
    private static byte[] manyLines(int count) {
        String line = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 100 \"-\" \"curl/8.5.0\"\n";
        return line.repeat(count).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tooLongLinesAreMalformedAndAForcedFormatIsNotDetected() throws IOException {
        EngineLimits small = new EngineLimits(256, 1L << 30, 1L << 30, 100, 1000, 1, Duration.ofMinutes(1));
        String log = "x".repeat(300) + "\nshort line\n";
        Analysis analysis = new Analyzer(small).analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                new AnalyzeOptions("text", ZoneId.of("UTC"), Clock.systemUTC()));

        assertThat(analysis.format(), is("text"));
        assertThat(analysis.detected(), is(false));
        assertThat(analysis.lines().malformed(), is(1L));
        assertThat(analysis.malformedSamples().getFirst().reason(), is("line too long"));
        assertThat(analysis.malformedSamples().getFirst().text().length(), is(200));
    }

    @Test
    void anEmptyInputIsAnEmptyAnalysis() throws IOException {
        JsonObject json = json(analyze("", EngineLimits.DEFAULTS));

        assertThat(json.getJsonObject("lines").getInt("total"), is(0));
        assertThat(json.getString("format"), is("text"));
        assertThat(json.containsKey("timeRange"), is(false));
    }

    private static EngineLimits settings(int workers) {
        EngineLimits d = EngineLimits.DEFAULTS;
        return new EngineLimits(d.maxLineBytes(), d.maxBodyBytes(), d.maxInflatedBytes(), d.maxInflateRatio(),
                                    d.exactDistinct(), workers, d.deadline());
    }

    private static Analysis analyze(String log, EngineLimits settings) throws IOException {
        return new Analyzer(settings).analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), AUTO);
    }

    static JsonObject json(Analysis analysis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnalysisJson.write(analysis, 10, false, out);
        return Json.createReader(new ByteArrayInputStream(out.toByteArray())).readObject();
    }
}
