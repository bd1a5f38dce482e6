package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Application logs in none of the formats: their analysis, as {@code text}, has a time range and a timeline, one small
 * log per layout of issue 16 (each with a line that does not match its layout, which still counts as a record).
 * "Now" is 2026-12-04T12:00:00Z.
 */
class TextLogTimesTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    private record Case(String log, String format, String first, String last, Map<String, Long> levels) {
    }

    private static final List<Case> CASES = List.of(
            new Case("""
                     26/11/24 14:03:07 WARN scheduler.TaskSetManager: Lost task 3.0
                     26/11/24 14:03:08 INFO scheduler.DAGScheduler: Job 3 finished
                     java.lang.IllegalStateException: no time on this line
                     26/11/24 14:05:00 ERROR executor.Executor: Exception in task 3.0
                     """, "text", "2026-11-24T14:03:07Z", "2026-11-24T14:05:00Z",
                     Map.of("INFO", 1L, "WARN", 1L, "ERROR", 1L)),
            new Case("""
                     261124 140307 42 INFO dfs.DataNode: Receiving block
                     261124 140309 43 WARN dfs.DataNode: Slow BlockReceiver
                     a line without a time
                     """, "text", "2026-11-24T14:03:07Z", "2026-11-24T14:03:09Z", Map.of("INFO", 1L, "WARN", 1L)),
            new Case("""
                     2026.11.24-14.03.07.123456 R02-M1 RAS KERNEL INFO cache parity error corrected
                     2026.11.24-14.03.09.000001 R02-M1 RAS APP FATAL ciod: failed to read message prefix
                     a line without a time
                     """, "text", "2026-11-24T14:03:07.123Z", "2026-11-24T14:03:09Z", Map.of("INFO", 1L, "FATAL", 1L)),
            new Case("""
                     20261124-14:03:07:123|Step|...
                     20261124-14:03:08:456|Step_LSC|30002312|onStandStepChanged 3579
                     a line without a time
                     """, "text", "2026-11-24T14:03:07.123Z", "2026-11-24T14:03:08.456Z", Map.of()),
            new Case("""
                     2026-11-24 14:03:07, Info  CBS  Loaded Servicing Stack
                     2026-11-24 14:03:09, Error                 CSI    Failed to open file
                     a line without a time
                     """, "text", "2026-11-24T14:03:07Z", "2026-11-24T14:03:09Z", Map.of("INFO", 1L, "ERROR", 1L)),
            new Case("""
                     [11.24 14:03:07] app.exe - proxy:8080 open
                     [12.24 09:00:00] app.exe - proxy:8080 close
                     a line without a time
                     """, "text", "2025-12-24T09:00:00Z", "2026-11-24T14:03:07Z", Map.of()),
            new Case("""
                     1732457187 2026.11.24 node-12 ...
                     1795528987 2026.11.24 node-12 2026-11-24-14.03.07.123456 node-12 RAS KERNEL INFO cache parity
                     a line without a time
                     """, "text", "2024-11-24T14:06:27Z", "2026-11-24T14:03:07Z", Map.of("INFO", 1L)),
            new Case("""
                     2026-11-24 14:03:07,123 12345 WARNING module: msg
                     2026-11-24 14:03:08,000 12345 INFO module: done
                     a line without a time
                     """, "text", "2026-11-24T14:03:07.123Z", "2026-11-24T14:03:08Z", Map.of("INFO", 1L, "WARN", 1L)),
            // log4j 2 and logback put the thread before the level: the log4j format reads these.
            new Case("""
                     2026-11-24 14:03:07,123 [main-thread-1] WARN org.x.Y - msg
                     2026-11-24 14:03:08,000 [main-thread-2] ERROR org.x.Y - failed
                     """, "log4j", "2026-11-24T14:03:07.123Z", "2026-11-24T14:03:08Z", Map.of("WARN", 1L, "ERROR", 1L)));

    @Test
    void everyLayoutGivesATimeRangeATimelineAndLevels() throws IOException {
        for (Case c : CASES) {
            Analysis analysis = analyze(c.log());
            assertThat(c.log(), analysis.format(), is(c.format()));
            assertThat(c.log(), analysis.timeRange().orElseThrow(),
                       is(new Analysis.TimeRange(Instant.parse(c.first()), Instant.parse(c.last()))));
            assertThat(c.log(), analysis.timeline(), is(not(empty())));
            assertThat(c.log(), analysis.levels(), is(c.levels()));
            long lines = c.log().lines().count();
            assertThat(c.log(), analysis.lines(), is(new Analysis.Lines(lines, lines, 0, 0, lines)));
        }
    }

    @Test
    void aFormatNamedTextAlsoReadsTheLayoutOfTheLog() throws IOException {
        Analysis analysis = new Analyzer(EngineLimits.DEFAULTS).analyze(input(CASES.getFirst().log()),
                new AnalyzeOptions("text", ZoneOffset.UTC, NOW));
        assertThat(analysis.detected(), is(false));
        assertThat(analysis.timeRange().orElseThrow().first(), is(Instant.parse("2026-11-24T14:03:07Z")));
    }

    @Test
    void aTextLogWithoutTimesAnalysesAsBefore() throws IOException {
        Analysis analysis = analyze("""
                starting worker pool
                job 42 failed: ERROR timeout
                Warning: disk almost full

                done
                """);
        assertThat(analysis.format(), is("text"));
        assertThat(analysis.detected(), is(false));
        assertThat(analysis.lines(), is(new Analysis.Lines(5, 4, 0, 1, 4)));
        assertThat(analysis.timeRange().isPresent(), is(false));
        assertThat(analysis.timeline(), is(empty()));
        assertThat(analysis.levels(), is(Map.of("ERROR", 1L)));
    }

    private static Analysis analyze(String log) throws IOException {
        return new Analyzer(EngineLimits.DEFAULTS).analyze(input(log), new AnalyzeOptions(AnalyzeOptions.AUTO,
                                                                                          ZoneOffset.UTC, NOW));
    }

    private static ByteArrayInputStream input(String log) {
        return new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8));
    }
}
