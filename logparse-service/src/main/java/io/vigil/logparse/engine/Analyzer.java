package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.vigil.logparse.format.FormatDetector.Detection;
import io.vigil.logparse.format.LineFormat;

/**
 * Analyses a log: detects (or takes) the format from the first block, then a reader cuts the input into
 * blocks at line boundaries and a fixed set of worker threads parse and count them, each into its own
 * {@link Partial}; the partials merge into the {@link Analysis}. Memory is bounded by the number of
 * blocks in flight, whatever the input size. Each phase (detect, parse, merge) is one span of the given tracer,
 * never one per block or line.
 */
public final class Analyzer {
    /** Most points on the timeline. */
    static final int TIMELINE_POINTS = 500;
    /** Malformed lines kept as samples. */
    static final int MALFORMED_SAMPLES = 10;

    private static final Block END = new Block(-1, new byte[0], 0);

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

    private List<Partial> parallel(BlockReader reader, Block first, LineFormat format, Filters filters, long deadline)
            throws IOException {
        int workers = limits.effectiveWorkers();
        BlockingQueue<Block> work = new ArrayBlockingQueue<>(2 * workers);
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(3 * workers + 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("logparse-worker-", 0).factory());
        List<Future<Partial>> results = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(() -> work(work, free, newPartial(format, filters))));
            }
            read(reader, first, work, free, deadline);
            for (int i = 0; i < workers; i++) {
                work.put(END);
            }
            List<Partial> partials = new ArrayList<>(workers);
            for (Future<Partial> result : results) {
                partials.add(result.get());
            }
            return partials;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("analysis interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a parsing worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void read(BlockReader reader, Block first, BlockingQueue<Block> work, BlockingQueue<byte[]> free, long deadline)
            throws IOException, InterruptedException {
        work.put(first);
        int blockSize = first.buf().length;
        for (int index = 1; ; index++) {
            if (System.nanoTime() > deadline) {
                throw new AnalysisDeadlineException(limits.deadline());
            }
            byte[] buf = free.poll();
            if (buf == null) {
                buf = new byte[blockSize];
            }
            int length = reader.next(buf);
            if (length < 0) {
                return;
            }
            work.put(new Block(index, buf, length));
        }
    }

    private static Partial work(BlockingQueue<Block> work, BlockingQueue<byte[]> free, Partial partial)
            throws InterruptedException {
        while (true) {
            Block block = work.take();
            if (block == END) {
                return partial;
            }
            partial.block(block.index(), block.buf(), block.length());
            free.offer(block.buf());
        }
    }

    /** A block of whole lines, numbered in input order. */
    private record Block(int index, byte[] buf, int length) {
    }
}
