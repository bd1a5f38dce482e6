package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipException;

import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.vigil.logparse.format.FormatDetector.Detection;
import io.vigil.logparse.format.LineFormat;
import io.vigil.logparse.format.ParsedLine;
import io.vigil.logparse.format.Reasons;
import io.vigil.logparse.format.Swar;

/**
 * Turns a log into NDJSON records in input order, streaming: each block of lines is written and flushed
 * as soon as it has been read, so the first records leave while the input is still arriving, and memory
 * stays at one block whatever the input size. Detection and parsing are one span each ({@code detect},
 * {@code parse}) of the given tracer.
 */
public final class Parser {
    /** A block is handed on once it holds this much (or the input ends). */
    static final int STREAMING_BLOCK_BYTES = 64 * 1024;

    private final EngineLimits limits;
    private final Tracer tracer;

    /**
     * Creates a parser that does not trace.
     *
     * @param limits   limits
     */
    public Parser(EngineLimits limits) {
        this(limits, Tracer.noOp());
    }

    /**
     * Creates a parser whose phases are spans, children of the span current when {@link #parse} is called.
     *
     * @param limits   limits
     * @param tracer   the service's tracer; the no-op tracer costs nothing
     */
    public Parser(EngineLimits limits, Tracer tracer) {
        this.limits = limits;
        this.tracer = tracer;
    }

    /**
     * Parses the whole input. Input failures after output has started (body too large, deadline, corrupt
     * gzip) end the output with a last line {@code {"error": "...", "fatal": true}}; before that they are
     * thrown, so the caller can still answer with a problem.
     *
     * @param in      log bytes (already inflated, see {@link BodyInput})
     * @param options format, zone, clock, malformed handling
     * @param output  told the format before anything is written (e.g. to set response headers), returns
     *                where NDJSON goes; that stream is flushed per block and closed at the end
     * @throws IOException               when reading or writing fails
     * @throws AnalysisDeadlineException when the configured deadline passes before output started
     */
    public void parse(InputStream in, ParseOptions options, Function<Detection, OutputStream> output) throws IOException {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        BlockReader reader = new BlockReader(in, limits.maxLineBytes(), STREAMING_BLOCK_BYTES);
        byte[] buf = new byte[BlockReader.blockSize(limits.maxLineBytes())];
        Spans.FirstBlock first = Spans.detect(tracer, reader, buf, options.analyze());
        Detection detection = first.detection();
        try (OutputStream out = output.apply(detection)) {
            Lines lines = new Lines(detection.format(), new RecordWriter(out), options.skipMalformed(),
                                  options.analyze().filters());
            Span span = Spans.start(tracer, "parse", detection.format());
            String fatal;
            try {
                fatal = parseAll(reader, buf, first.length(), lines, deadline);
            } catch (IOException | RuntimeException e) {
                span.end(e);
                throw e;
            }
            span.tag(Spans.BYTES, reader.bytesRead()).tag(Spans.LINES, lines.number).tag(Spans.MALFORMED, lines.malformed);
            if (fatal != null) {
                span.status(Span.Status.ERROR);
                span.addEvent("error", Map.of("message", fatal));
            }
            span.end();
        }
    }

    /** Parses the rest of the input; returns why the output was ended early, or {@code null}. */
    private String parseAll(BlockReader reader, byte[] buf, int firstLength, Lines lines, long deadline) throws IOException {
        int length = firstLength;
        try {
            while (length >= 0) {
                lines.block(buf, length);
                if (System.nanoTime() > deadline) {
                    throw new AnalysisDeadlineException(limits.deadline());
                }
                length = reader.next(buf);
            }
            lines.writer.finish();
            return null;
        } catch (InputTooLargeException | AnalysisDeadlineException | ZipException e) {
            lines.writer.fatal(e.getMessage());
            return e.getMessage();
        }
    }

    /** The state carried from line to line: line number and whether a record is open. */
    private final class Lines {
        private final LineFormat format;
        private final RecordWriter writer;
        private final boolean skipMalformed;
        private final ParsedLine line = new ParsedLine();
        /** {@code null} when there is no filter. */
        private final RecordFilter filter;
        private long number;
        private long malformed;
        private boolean inRecord;
        /** Whether the open record was excluded by the filters, and so are its continuation lines. */
        private boolean excluded;

        Lines(LineFormat format, RecordWriter writer, boolean skipMalformed, Filters filters) {
            this.format = format;
            this.writer = writer;
            this.skipMalformed = skipMalformed;
            this.filter = filters.isEmpty() ? null : new RecordFilter(filters);
        }

        void block(byte[] buf, int length) throws IOException {
            int pos = 0;
            while (pos < length) {
                int newline = Swar.indexOf(buf, pos, length, (byte) '\n');
                int end = newline < 0 ? length : newline;
                int next = newline < 0 ? length : newline + 1;
                if (end > pos && buf[end - 1] == '\r') {
                    end--;
                }
                number++;
                line(buf, pos, end);
                pos = next;
            }
            writer.flush();
        }

        private void line(byte[] buf, int start, int end) throws IOException {
            if (end == start) {
                return;
            }
            if (end - start > limits.maxLineBytes()) {
                malformed(Reasons.LINE_TOO_LONG, buf, start, end);
            } else if (inRecord && format.continuesRecord(buf, start, end)) {
                if (!excluded) {
                    writer.continuation(buf, start, end);
                }
            } else if (format.parse(buf, start, end, line)) {
                excluded = filter != null && !filter.accepts(line, buf, start, end);
                if (!excluded) {
                    writer.record(number, line);
                }
                inRecord = true;
            } else {
                malformed(line.error(), buf, start, end);
            }
        }

        private void malformed(String reason, byte[] buf, int start, int end) throws IOException {
            inRecord = false;
            malformed++;
            if (!skipMalformed) {
                writer.malformed(number, reason, buf, start, end);
            }
        }
    }
}
