package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.vigil.logparse.format.FormatDetector.Detection;
import io.vigil.logparse.format.LineFormat;

/**
 * Analyses a log: detects (or takes) the format from the first block, then a fixed set of worker threads take turns
 * reading the next block at a line boundary ({@link BlockSource}) and parse and count it, each into its own
 * {@link Partial}; the partials merge into the {@link Analysis}. Memory is bounded by one block per worker, whatever
 * the input size. Each phase (detect, parse, merge) is one span of the given tracer, never one per block or line.
 */
public final class Analyzer {
    /** Most points on the timeline. */
    static final int TIMELINE_POINTS = 500;
    /** Malformed lines kept as samples. */
    static final int MALFORMED_SAMPLES = 10;

    private final EngineLimits limits;
    private final Tracer tracer;

    /**
     * Creates an analyzer that does not trace (the command line).
     *
     * @param limits limits and sizing
     */
    public Analyzer(EngineLimits limits) {
        this(limits, Tracer.noOp());
    }

    /**
     * Creates an analyzer whose phases are spans, children of the span current when {@link #analyze} is called.
     *
     * @param limits limits and sizing
     * @param tracer   the service's tracer; the no-op tracer costs nothing
     */
    public Analyzer(EngineLimits limits, Tracer tracer) {
        this.limits = limits;
        this.tracer = tracer;
    }

    /**
     * Reads the whole input and analyses it.
     *
     * @param in      log bytes (already inflated, see {@link BodyInput})
     * @param options format, zone, clock, filters
     * @return the analysis
     * @throws IOException                 when reading fails
     * @throws AnalysisDeadlineException   when the configured deadline passes
     * @throws IllegalArgumentException    when the format name is unknown
     */
    public Analysis analyze(InputStream in, AnalyzeOptions options) throws IOException {
        long started = System.nanoTime();
        long deadline = started + limits.deadline().toNanos();
        BlockReader reader = new BlockReader(in, limits.maxLineBytes());
        byte[] buf = new byte[BlockReader.blockSize(limits.maxLineBytes())];
        Spans.FirstBlock detected = Spans.detect(tracer, reader, buf, options);
        Detection detection = detected.detection();
        Block first = new Block(0, buf, Math.max(0, detected.length()));
        List<Partial> partials;
        Span parse = Spans.start(tracer, "parse", detection.format());
        try {
            if (reader.exhausted()) {
                Partial totals = newPartial(detection.format(), options.filters());
                totals.block(0, first.buf(), first.length());
                partials = List.of(totals);
            } else {
                partials = parallel(reader, first, detection.format(), options.filters(), deadline);
            }
            Spans.counted(parse, reader.bytesRead(), partials).end();
        } catch (IOException | RuntimeException e) {
            parse.end(e);
            throw e;
        }
        Partial totals = merge(partials, detection.format());
        return new Analysis(detection.format().name(), detection.detected(), reader.bytesRead(),
                            (System.nanoTime() - started) / 1_000_000, totals);
    }

    /** Merges into the first worker's partial rather than a fresh one: no third copy of the counters. */
    private Partial merge(List<Partial> partials, LineFormat format) {
        Partial totals = partials.getFirst();
        if (partials.size() == 1) {
            return totals;
        }
        Span merge = Spans.start(tracer, "merge", format).tag("logparse.partials", partials.size());
        for (Partial partial : partials.subList(1, partials.size())) {
            totals.merge(partial);
        }
        Spans.counted(merge, -1, List.of(totals)).end();
        return totals;
    }

    private Partial newPartial(LineFormat format, Filters filters) {
        return new Partial(format, limits.maxLineBytes(), limits.exactDistinct(), TIMELINE_POINTS, MALFORMED_SAMPLES,
                           filters);
    }

    /**
     * Parses the rest of the input on the workers, each reading its next block from the shared source and parsing it
     * while another reads. A worker that fails stops the others; every worker has finished (none reads the input any
     * more) before this returns or throws, so the caller can answer on the connection safely (unless the calling
     * thread is interrupted: the server is stopping).
     */
    private List<Partial> parallel(BlockReader reader, Block first, LineFormat format, Filters filters, long deadline)
            throws IOException {
        int workers = limits.effectiveWorkers();
        BlockSource source = new BlockSource(reader, first.index() + 1, deadline, limits.deadline());
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("logparse-worker-", 0).factory());
        List<Future<Partial>> results = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                Block own = i == 0 ? first : null;
                results.add(pool.submit(() -> work(source, own, first.buf().length, newPartial(format, filters))));
            }
            List<Partial> partials = new ArrayList<>(workers);
            Throwable failure = null;
            for (Future<Partial> result : results) {
                try {
                    partials.add(result.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            if (failure instanceof IOException io) {
                throw io;
            } else if (failure != null) {
                throw new IllegalStateException("a parsing worker failed", failure);
            }
            return partials;
        } catch (InterruptedException e) {
            source.stop();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("analysis interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** One worker: parses its first block (if given), then reads and parses blocks until the input ends. */
    private static Partial work(BlockSource source, Block first, int blockSize, Partial partial) throws IOException {
        try {
            byte[] buf;
            if (first != null) {
                partial.block(first.index(), first.buf(), first.length());
                buf = first.buf();
            } else {
                buf = new byte[blockSize];
            }
            for (BlockSource.Taken block = source.next(buf); block != null; block = source.next(buf)) {
                partial.block(block.index(), buf, block.length());
            }
            return partial;
        } catch (IOException | RuntimeException | Error e) {
            source.stop();
            throw e;
        }
    }

    /** A block of whole lines, numbered in input order. */
    private record Block(int index, byte[] buf, int length) {
    }
}
