package io.vigil.common.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * Writes a log record as one JSON object on one line: {@code ts} (ISO-8601 UTC), {@code level},
 * {@code logger}, {@code msg}, then {@code requestId}, {@code traceId}, {@code spanId}, {@code keyId} when known and
 * {@code exception} (the stack trace as one string) when the record has one.
 */
public final class JsonLogFormatter extends Formatter {
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = GENERATORS.createGenerator(line)) {
            json.writeStartObject()
                    .write("ts", Instant.ofEpochMilli(record.getMillis()).toString())
                    .write("level", LogLevel.nameOf(record.getLevel()))
                    .write("logger", String.valueOf(record.getLoggerName()))
                    .write("msg", String.valueOf(formatMessage(record)));
            for (String key : new String[] {LogContext.REQUEST_ID, LogContext.TRACE_ID, LogContext.SPAN_ID, LogContext.KEY_ID}) {
                LogContext.get(key).ifPresent(value -> json.write(key, value));
            }
            if (record.getThrown() != null) {
                json.write("exception", stackTrace(record.getThrown()));
            }
            json.writeEnd();
        }
        return line.append(System.lineSeparator()).toString();
    }

    static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            thrown.printStackTrace(writer);
        }
        return text.toString().stripTrailing();
    }
}
