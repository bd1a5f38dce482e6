package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The first malformed lines of an input, kept as examples: position, reason and the start of the text.
 * Positions are (block, line in block) while parsing, since workers see blocks out of order; they
 * become line numbers once every block's line count is known.
 */
final class MalformedSamples {
    /** Longest text kept per sample, in bytes. */
    static final int MAX_TEXT_BYTES = 200;

    private final int limit;
    private final List<Sample> samples = new ArrayList<>();

    MalformedSamples(int limit) {
        this.limit = limit;
    }

    /**
     * Keeps a sample if fewer than the limit are kept. A worker sees its blocks in input order, so the
     * first ones it keeps are its earliest.
     */
    void add(int block, int lineInBlock, String reason, byte[] buf, int start, int end) {
        if (samples.size() < limit) {
            int length = Math.min(end - start, MAX_TEXT_BYTES);
            samples.add(new Sample(block, lineInBlock, reason, new String(buf, start, length, StandardCharsets.UTF_8)));
        }
    }

    /**
     * Adds another worker's samples, keeping the earliest.
     *
     * @param other samples from another worker
     */
    void merge(MalformedSamples other) {
        samples.addAll(other.samples);
        samples.sort(Comparator.comparingInt(Sample::block).thenComparingInt(Sample::lineInBlock));
        if (samples.size() > limit) {
            samples.subList(limit, samples.size()).clear();
        }
    }

    /**
     * The samples with line numbers.
     *
     * @param firstLineOfBlock number of the first line of each block (1-based)
     * @return samples in input order
     */
    List<MalformedLine> lines(Map<Integer, Long> firstLineOfBlock) {
        List<MalformedLine> lines = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            lines.add(new MalformedLine(firstLineOfBlock.get(sample.block()) + sample.lineInBlock() - 1, sample.reason(),
                                        sample.text()));
        }
        return lines;
    }

    private record Sample(int block, int lineInBlock, String reason, String text) {
    }
}
