package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each filter on a small hand-built log: exact counts of what it keeps and what it excluded, and nothing excluded
 * leaking into another figure.
 */
class FiltersTest {
    private static final AnalyzeOptions AUTO = new AnalyzeOptions(AnalyzeOptions.AUTO, ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC));
    /** 8 lines: 6 records, 1 malformed, 1 empty. */
    private static final String ACCESS_LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html?x=1 HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /api/users HTTP/1.1" 404 0 "-" "Firefox"
            this line is not an access log line
            10.0.0.1 - - [14/Mar/2026:10:00:02 +0000] "POST /api/upload HTTP/1.1" 503 42 "-" "curl/8.5.0"

            10.0.0.3 - - [14/Mar/2026:10:01:30 +0000] "PUT /api/users/7 HTTP/1.1" 500 10 "-" "TimeOut-Bot"
            10.0.0.2 - - [14/Mar/2026:11:00:00 +0000] "DELETE /admin HTTP/1.1" 403 5 "-" "Firefox"
            10.0.0.4 - - [14/Mar/2026:11:30:00 +0000] "GET /apiary HTTP/1.1" 200 7 "-" "Firefox"
            """;
    private static final String APP_LOG = """
            2026-03-14 10:15:30,123 ERROR [main] com.example.App - failed to connect: Timeout
            java.net.ConnectException: refused
            \tat com.example.Db.open(Db.java:42)
            2026-03-14 10:15:31,000 INFO  [main] com.example.App - retrying
            2026-03-14 10:15:32,000 WARN  [main] com.example.App - slow TIMEOUT warning
            """;

    @Test
    void withoutFiltersTheReportHasNoFilterSection() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of());

        assertThat(analysis.filters().isPresent(), is(false));
        assertThat(AnalyzerTest.json(analysis).containsKey("filters"), is(false));
        assertThat(analysis.httpRequests(), is(6L));
    }

    @Test
    void aTimeWindowKeepsFromAndExcludesTo() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("from", List.of("2026-03-14T10:00:01Z"),
                                                       "to", List.of("2026-03-14T11:01:30+01:00")));

        assertThat(report(analysis), is(new Analysis.FilterReport(
                ordered("from", List.of("2026-03-14T10:00:01Z"), "to", List.of("2026-03-14T10:01:30Z")),
                ordered("time", 4L), 2)));
        assertThat("the lines still describe the input", analysis.lines(), is(new Analysis.Lines(8, 6, 1, 1, 6)));
        assertThat(analysis.statuses(), is(Map.of("404", 1L, "503", 1L)));
        assertThat(analysis.timeRange().orElseThrow(), is(new Analysis.TimeRange(Instant.parse("2026-03-14T10:00:01Z"),
                                                                                  Instant.parse("2026-03-14T10:00:02Z"))));
        assertThat(analysis.timeline().stream().mapToLong(TimelinePoint::count).sum(), is(2L));
    }

    @Test
    void aDateAloneIsMidnightInTheZoneOfTz() throws IOException {
        Filters filters = Filters.parse(values(Map.of("from", List.of("2026-03-14"), "to", List.of("2026-03-14T12:00"))),
                                        ZoneId.of("+01:00"));

        assertThat(filters.applied(), is(ordered("from", List.of("2026-03-13T23:00:00Z"),
                                                 "to", List.of("2026-03-14T11:00:00Z"))));
        assertThat(analyze(ACCESS_LOG, filters).filters().orElseThrow().matched(), is(4L));
    }

    @Test
    void statusTakesCodesAndClassesOred() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("status", List.of("404", "5XX")));

        assertThat(report(analysis), is(new Analysis.FilterReport(ordered("status", List.of("404", "5xx")),
                                                                   ordered("status", 3L), 3)));
        assertThat(analysis.statusClasses(), is(Map.of("2xx", 0L, "3xx", 0L, "4xx", 1L, "5xx", 2L)));
        assertThat(analysis.methods(), is(Map.of("GET", 1L, "POST", 1L, "PUT", 1L)));
        assertThat(analysis.bytesSent(), is(52L));
        assertThat(analysis.uniqueClients(), is(3L));
    }

    @Test
    void methodIgnoresCase() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("method", List.of("post", "Put")));

        assertThat(report(analysis), is(new Analysis.FilterReport(ordered("method", List.of("POST", "PUT")),
                                                                   ordered("method", 4L), 2)));
        assertThat(analysis.topPaths(10), is(List.of(new ValueCount("/api/upload", 1), new ValueCount("/api/users/7", 1))));
    }

    @Test
    void pathIsAPrefixOfThePathWithoutItsQuery() throws IOException {
        assertThat(report(analyze(ACCESS_LOG, Map.of("path", List.of("/api/")))).matched(), is(3L));
        assertThat(report(analyze(ACCESS_LOG, Map.of("path", List.of("/api")))).matched(), is(4L));
        assertThat(report(analyze(ACCESS_LOG, Map.of("path", List.of("/index.html?x")))).matched(), is(0L));
    }

    @Test
    void pathRegexIsFoundInThePathWithoutItsQuery() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("pathRegex", List.of("^/api/users(/\\d+)?$")));

        assertThat(report(analysis), is(new Analysis.FilterReport(ordered("pathRegex", List.of("^/api/users(/\\d+)?$")),
                                                                   ordered("pathRegex", 4L), 2)));
        assertThat(report(analyze(ACCESS_LOG, Map.of("pathRegex", List.of("users")))).matched(), is(2L));
        assertThat(report(analyze(ACCESS_LOG, Map.of("pathRegex", List.of("x=1")))).matched(), is(0L));
    }

    @Test
    void pathRegexSeesNonAsciiPathsDecoded() throws IOException {
        String log = "10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] \"GET /caf\u00e9 HTTP/1.1\" 200 1 \"-\" \"x\"\n";

        assertThat(report(analyze(log, Map.of("pathRegex", List.of("\u00e9$")))).matched(), is(1L));
    }

    @Test
    void clientIsExactAndRepeatable() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("client", List.of("10.0.0.1", "10.0.0.3", "10.0.0")));

        assertThat(report(analysis).excluded(), is(ordered("client", 3L)));
        assertThat(report(analysis).matched(), is(3L));
        assertThat(analysis.topClients(10), is(List.of(new ValueCount("10.0.0.1", 2), new ValueCount("10.0.0.3", 1))));
    }

    @Test
    void textIsFoundInTheWholeLineOfAnAccessLogIgnoringCase() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("text", List.of("timeout")));

        assertThat(report(analysis).matched(), is(1L));
        assertThat(analysis.topUserAgents(10), is(List.of(new ValueCount("TimeOut-Bot", 1))));
    }

    @Test
    void levelAndTextApplyToTheMessageOfApplicationLogs() throws IOException {
        Analysis errors = analyze(APP_LOG, Map.of("level", List.of("error", "FATAL")));

        assertThat(report(errors), is(new Analysis.FilterReport(ordered("level", List.of("ERROR", "FATAL")),
                                                                 ordered("level", 2L), 1)));
        assertThat(errors.levels(), is(Map.of("ERROR", 1L)));
        assertThat("continuation lines still count as parsed lines", errors.lines(), is(new Analysis.Lines(5, 5, 0, 0, 3)));

        Analysis timeouts = analyze(APP_LOG, Map.of("text", List.of("timeout")));
        assertThat(timeouts.levels(), is(Map.of("WARN", 1L, "ERROR", 1L)));
        Analysis notInTheMessage = analyze(APP_LOG, Map.of("text", List.of("com.example.App")));
        assertThat(report(notInTheMessage).matched(), is(0L));
    }

    @Test
    void aTimeWindowExcludesRecordsWithoutATime() throws IOException {
        String log = """
                {"time":"2026-03-14T10:00:00Z","level":"info","msg":"with a time"}
                {"level":"info","msg":"without one"}
                """;
        Analysis analysis = analyze(log, Map.of("from", List.of("2026-03-14T00:00:00Z")));

        assertThat(report(analysis).excluded(), is(ordered("time", 1L)));
        assertThat(report(analysis).matched(), is(1L));
        assertThat(analysis.levels(), is(Map.of("INFO", 1L)));
    }

    @Test
    void aRecordCountsOnceAgainstTheFirstFilterThatExcludedIt() throws IOException {
        Analysis analysis = analyze(ACCESS_LOG, Map.of("from", List.of("2026-03-14T10:00:01Z"), "status", List.of("5xx"),
                                                       "method", List.of("POST"), "text", List.of("curl")));

        assertThat(report(analysis).excluded(), is(ordered("time", 1L, "status", 3L, "method", 1L, "text", 0L)));
        assertThat(report(analysis).matched(), is(1L));
        assertThat(analysis.statuses(), is(Map.of("503", 1L)));
        JsonObject filters = AnalyzerTest.json(analysis).getJsonObject("filters");
        assertThat(filters.toString(), is("{\"applied\":{\"from\":\"2026-03-14T10:00:01Z\",\"status\":[\"5xx\"],"
                                          + "\"method\":[\"POST\"],\"text\":\"curl\"},"
                                          + "\"excluded\":{\"time\":1,\"status\":3,\"method\":1,\"text\":0},\"matched\":1}"));
    }

    @Test
    void workersInParallelAddUpTheirExclusions() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            log.append("10.0.0.").append(i % 7).append(" - - [14/Mar/2026:10:00:00 +0000] \"GET /p HTTP/1.1\" ")
                    .append(200 + i % 4 * 100).append(" 1 \"-\" \"x\"\n");
        }
        EngineLimits small = new EngineLimits(1024, Long.MAX_VALUE, Long.MAX_VALUE, 200, 1000, 2, Duration.ofMinutes(1));
        Analysis analysis = new Analyzer(small).analyze(
                new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)),
                AUTO.withFilters(Filters.parse(values(Map.of("status", List.of("5xx"), "client", List.of("10.0.0.1"))),
                                               ZoneOffset.UTC)));

        // statuses 200, 300, 400, 500 in turn: 15,000 excluded by status; of the 5,000 5xx, one in seven is 10.0.0.1
        assertThat(report(analysis).excluded(), is(ordered("status", 15_000L, "client", 4_286L)));
        assertThat(report(analysis).matched(), is(714L));
        assertThat(analysis.httpRequests(), is(714L));
    }

    @Test
    void parseWritesOnlyTheRecordsThatPassWithTheirContinuationLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Parser(EngineLimits.DEFAULTS).parse(
                new ByteArrayInputStream(APP_LOG.getBytes(StandardCharsets.UTF_8)),
                new ParseOptions(AUTO.withFilters(Filters.parse(values(Map.of("level", List.of("ERROR", "WARN"))),
                                                                ZoneOffset.UTC)), false),
                detection -> out);
        String[] records = out.toString(StandardCharsets.UTF_8).split("\n");

        assertThat(records.length, is(2));
        assertThat(records[0], containsString("at com.example.Db.open"));
        assertThat(records[1], containsString("slow TIMEOUT warning"));
    }

    @Test
    void badValuesNameTheirParameter() {
        Map<String, Map<String, List<String>>> bad = new LinkedHashMap<>();
        bad.put("status", Map.of("status", List.of("7xx")));
        bad.put("status ", Map.of("status", List.of("404", "abc")));
        bad.put("status  ", Map.of("status", List.of("600")));
        bad.put("from", Map.of("from", List.of("yesterday")));
        bad.put("from ", Map.of("from", List.of("+999999999-12-31T23:59:59Z")));
        bad.put("to", Map.of("from", List.of("2026-03-14T10:00:00Z"), "to", List.of("2026-03-14T10:00:00Z")));
        bad.put("pathRegex", Map.of("pathRegex", List.of("([a-z")));
        bad.put("pathRegex ", Map.of("pathRegex", List.of("a".repeat(Filters.MAX_REGEX_LENGTH + 1))));
        bad.put("level", Map.of("level", List.of("verbose")));
        bad.put("path", Map.of("path", List.of("/a", "/b")));
        bad.put("text", Map.of("text", List.of("")));
        bad.put("method", Map.of("method", List.of("")));
        bad.put("client", Map.of("client", List.of("")));
        bad.forEach((parameter, given) -> {
            InvalidFilterException e = assertThrows(InvalidFilterException.class,
                                                    () -> Filters.parse(values(given), ZoneOffset.UTC));
            assertThat(given.toString(), e.parameter(), is(parameter.strip()));
            assertThat(e.getMessage(), containsString("(expected: "));
        });
    }

    private static Analysis analyze(String log, Map<String, List<String>> filters) throws IOException {
        return analyze(log, Filters.parse(values(filters), ZoneOffset.UTC));
    }

    private static Analysis analyze(String log, Filters filters) throws IOException {
        return new Analyzer(EngineLimits.DEFAULTS).analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                                                           AUTO.withFilters(filters));
    }

    private static java.util.function.Function<String, List<String>> values(Map<String, List<String>> given) {
        return name -> given.getOrDefault(name, List.of());
    }

    private static Analysis.FilterReport report(Analysis analysis) {
        return analysis.filters().orElseThrow();
    }

    /** A map in the order of its keys as given: the report's order is part of its contract. */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return map;
    }
}
