package io.vigil.logparse.engine;

import java.io.IOException;
import java.util.List;

import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.vigil.logparse.format.FormatDetector.Detection;
import io.vigil.logparse.format.LineFormat;

/**
 * The spans of the engine's phases: {@code detect} (first block read, format chosen), {@code parse} (all blocks)
 * and {@code merge} (workers' partial results), with the format, bytes, lines and malformed lines as attributes.
 * One span per phase of a request, never per block or line; with the no-op tracer they cost nothing.
 */
final class Spans {
    /** Attribute: the log format name. */
    static final String FORMAT = "logparse.format";
    /** Attribute: whether the format was detected (rather than given). */
    static final String DETECTED = "logparse.detected";
    /** Attribute: bytes read (after gzip). */
    static final String BYTES = "logparse.bytes";
    /** Attribute: lines seen. */
    static final String LINES = "logparse.lines";
    /** Attribute: lines that could not be parsed. */
    static final String MALFORMED = "logparse.malformed";

    private Spans() {
    }

    /**
     * The first block and the format chosen from it.
     *
     * @param length    bytes in the block, -1 for an empty input
     * @param detection the format
     */
    record FirstBlock(int length, Detection detection) {
    }

    /**
     * Reads the first block and chooses the format, in a {@code detect} span.
     *
     * @param tracer  tracer
     * @param reader  the input
     * @param buf     where the first block goes
     * @param options the requested format
     * @return the block's length and the format
     * @throws IOException when reading fails
     */
    static FirstBlock detect(Tracer tracer, BlockReader reader, byte[] buf, AnalyzeOptions options) throws IOException {
        Span span = tracer.spanBuilder("detect").start();
        try {
            int length = reader.next(buf);
            Detection detection = options.choose(buf, Math.max(length, 0));
            span.tag(FORMAT, detection.format().name())
                    .tag(DETECTED, detection.detected())
                    .tag(BYTES, reader.bytesRead());
            span.end();
            return new FirstBlock(length, detection);
        } catch (IOException | RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    /**
     * Starts a phase's span, a child of the current span.
     *
     * @param tracer tracer
     * @param name   {@code parse} or {@code merge}
     * @param format the log format
     * @return the started span
     */
    static Span start(Tracer tracer, String name, LineFormat format) {
        return tracer.spanBuilder(name).tag(FORMAT, format.name()).start();
    }

    /**
     * Adds the counts of partial results to a span.
     *
     * @param span     the span
     * @param bytes    bytes read, or -1 to leave them out
     * @param partials partial results
     * @return the span
     */
    static Span counted(Span span, long bytes, List<Partial> partials) {
        long lines = 0;
        long malformed = 0;
        for (Partial partial : partials) {
            lines += partial.lines;
            malformed += partial.malformed;
        }
        if (bytes >= 0) {
            span.tag(BYTES, bytes);
        }
        return span.tag(LINES, lines).tag(MALFORMED, malformed);
    }
}
