package io.vigil.common.logging;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

class LogFormattersTest {
    @AfterEach
    void clearMdc() {
        HelidonMdc.clear();
    }

    @Test
    void jsonLineHasTheContractFields() {
        LogRecord record = record(Level.WARNING, "disk at {0}%", 91);
        record.setInstant(java.time.Instant.parse("2026-03-14T10:15:30.123Z"));
        HelidonMdc.set(LogContext.REQUEST_ID, "req-1");
        HelidonMdc.set(LogContext.KEY_ID, "ci-pipeline");

        String line = new JsonLogFormatter().format(record);

        assertThat(line, endsWith(System.lineSeparator()));
        assertThat(line.strip().contains("\n"), is(false));
        JsonObject json = Problems.parse(line);
        assertThat(json.getString("ts"), is("2026-03-14T10:15:30.123Z"));
        assertThat(json.getString("level"), is("WARN"));
        assertThat(json.getString("logger"), is("io.vigil.test"));
        assertThat(json.getString("msg"), is("disk at 91%"));
        assertThat(json.getString("requestId"), is("req-1"));
        assertThat(json.getString("keyId"), is("ci-pipeline"));
        assertThat(json.containsKey("exception"), is(false));
    }

    @Test
    void jsonLineCarriesTheStackTraceAsOneStringAndEscapesText() {
        LogRecord record = record(Level.SEVERE, "quote \" and\nnewline");
        record.setThrown(new IOException("boom"));

        JsonObject json = Problems.parse(new JsonLogFormatter().format(record));

        assertThat(json.getString("level"), is("ERROR"));
        assertThat(json.getString("msg"), is("quote \" and\nnewline"));
        assertThat(json.getString("exception"), startsWith("java.io.IOException: boom"));
        assertThat(json.getString("exception"), containsString("\tat io.vigil.common.logging.LogFormattersTest"));
        assertThat(json.containsKey("requestId"), is(false));
    }

    @Test
    void textLineIsReadable() {
        LogRecord record = record(Level.FINE, "cache miss");
        record.setInstant(java.time.Instant.parse("2026-03-14T10:15:30.123Z"));
        HelidonMdc.set(LogContext.REQUEST_ID, "abc");

        String line = new TextLogFormatter().format(record);

        assertThat(line, is("2026-03-14T10:15:30.123Z DEBUG [abc] io.vigil.test: cache miss" + System.lineSeparator()));
    }

    @Test
    void textLineAppendsTheStackTrace() {
        LogRecord record = record(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("state"));

        String text = new TextLogFormatter().format(record);

        assertThat(text, matchesPattern("(?s)\\S+ ERROR io\\.vigil\\.test: failed\\R"
                + "java\\.lang\\.IllegalStateException: state\\R\\tat .*"));
    }

    @Test
    void levelsUseTheNamesOperatorsKnow() {
        assertThat(LogLevel.nameOf(Level.SEVERE), is("ERROR"));
        assertThat(LogLevel.nameOf(Level.WARNING), is("WARN"));
        assertThat(LogLevel.nameOf(Level.INFO), is("INFO"));
        assertThat(LogLevel.nameOf(Level.CONFIG), is("DEBUG"));
        assertThat(LogLevel.nameOf(Level.FINE), is("DEBUG"));
        assertThat(LogLevel.nameOf(Level.FINEST), is("TRACE"));
        assertThat(LogLevel.DEBUG.julLevel(), is(Level.FINE));
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.vigil.test");
        record.setParameters(parameters);
        return record;
    }
}
