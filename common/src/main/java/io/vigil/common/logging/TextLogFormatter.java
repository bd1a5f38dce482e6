package io.vigil.common.logging;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes a log record as a readable line: time, level, request id when known, logger, message, and the
 * stack trace on the following lines when the record has one.
 */
public final class TextLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ')
                .append(String.format("%-5s", LogLevel.nameOf(record.getLevel())));
        LogContext.get(LogContext.REQUEST_ID).ifPresent(id -> line.append(" [").append(id).append(']'));
        line.append(' ').append(record.getLoggerName()).append(": ").append(formatMessage(record));
        if (record.getThrown() != null) {
            line.append(System.lineSeparator()).append(JsonLogFormatter.stackTrace(record.getThrown()));
        }
        return line.append(System.lineSeparator()).toString();
    }
}
