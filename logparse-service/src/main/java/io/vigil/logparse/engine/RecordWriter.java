package io.vigil.logparse.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.vigil.logparse.format.Field;
import io.vigil.logparse.format.Level;
import io.vigil.logparse.format.ParsedLine;


/**
 * Writes records as NDJSON, one object per line, with the normalised field names of docs/architecture.md. A record
 * is held until the next one starts, so that continuation lines (stack traces) can be folded into its
 * {@code msg}.
 */
final class RecordWriter {
    /** Longest {@code raw} text of a malformed line, in bytes. */
    static final int MAX_RAW_BYTES = 4096;

    private final Writer out;
    private final StringBuilder pendingFields = new StringBuilder(512);
    private final StringBuilder pendingMsg = new StringBuilder(256);
    private boolean pending;

    RecordWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Starts a new record from a parsed line, writing the previous one. */
    void record(long lineNumber, ParsedLine line) throws IOException {
        finishPending();
        pending = true;
        pendingFields.setLength(0);
        pendingMsg.setLength(0);
        pendingFields.append("{\"line\":").append(lineNumber);
        if (line.timestampMillis() != ParsedLine.NO_TIMESTAMP) {
            field("ts", Instant.ofEpochMilli(line.timestampMillis()).toString());
        }
        if (line.level() != Level.NONE) {
            field("level", line.level().name());
        }
        field(line, Field.CLIENT);
        field(line, Field.METHOD);
        field(line, Field.PATH);
        field(line, Field.QUERY);
        field(line, Field.PROTOCOL);
        number("status", line.status());
        number("bytes", line.bytes());
        field(line, Field.REFERER);
        field(line, Field.USER_AGENT);
        if (line.durationMicros() >= 0) {
            pendingFields.append(",\"durationMs\":").append(line.durationMicros() / 1000.0);
        }
        field(line, Field.HOST);
        field(line, Field.APP);
        field(line, Field.PID);
        for (int i = 0; i < line.extraCount(); i++) {
            field(line.extraName(i), line.extraValue(i));
        }
        pendingMsg.append(line.string(Field.MSG));
    }

    /** Folds a continuation line into the pending record's message. */
    void continuation(byte[] buf, int start, int end) {
        if (pending) {
            pendingMsg.append('\n').append(new String(buf, start, end - start, StandardCharsets.UTF_8));
        }
    }

    /** Writes a malformed line. */
    void malformed(long lineNumber, String reason, byte[] buf, int start, int end) throws IOException {
        finishPending();
        int length = Math.min(end - start, MAX_RAW_BYTES);
        StringBuilder json = new StringBuilder(length + 64).append("{\"line\":").append(lineNumber).append(",\"error\":");
        appendQuoted(json, reason).append(",\"raw\":");
        appendQuoted(json, new String(buf, start, length, StandardCharsets.UTF_8));
        out.append(json).write(length < end - start ? ",\"rawTruncated\":true}\n" : "}\n");
    }

    /** Writes what is pending and pushes everything written so far to the client. */
    void flush() throws IOException {
        out.flush();
    }

    /** Ends the output early: the pending record, then {@code {"error": reason, "fatal": true}}. */
    void fatal(String reason) throws IOException {
        finishPending();
        out.append(appendQuoted(new StringBuilder("{\"error\":"), reason)).write(",\"fatal\":true}\n");
        out.flush();
    }

    /** Writes the last record. */
    void finish() throws IOException {
        finishPending();
        out.flush();
    }

    private void finishPending() throws IOException {
        if (!pending) {
            return;
        }
        pending = false;
        out.append(pendingFields);
        if (!pendingMsg.isEmpty()) {
            out.append(appendQuoted(new StringBuilder(pendingMsg.length() + 8).append(",\"msg\":"), pendingMsg));
        }
        out.write("}\n");
    }

    private void field(ParsedLine line, Field field) {
        if (line.has(field)) {
            field(field.jsonName(), line.string(field));
        }
    }

    private void field(String name, String value) {
        appendQuoted(appendQuoted(pendingFields.append(','), name).append(':'), value);
    }

    private void number(String name, long value) {
        if (value >= 0) {
            pendingFields.append(",\"").append(name).append("\":").append(value);
        }
    }

    /**
     * Appends a JSON string literal (RFC 8259: quote, backslash and control characters escaped).
     * Hand-written because it runs for every field of every record; {@code RecordWriterTest} checks it
     * against JSON-P.
     */
    static StringBuilder appendQuoted(StringBuilder literal, CharSequence text) {
        literal.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20) {
                        literal.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"');
    }
}
