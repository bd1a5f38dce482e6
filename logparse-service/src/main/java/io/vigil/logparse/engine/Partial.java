package io.vigil.logparse.engine;

import java.util.HashMap;
import java.util.Map;

import io.vigil.logparse.format.Field;
import io.vigil.logparse.format.Level;
import io.vigil.logparse.format.LineFormat;
import io.vigil.logparse.format.ParsedLine;
import io.vigil.logparse.format.Reasons;
import io.vigil.logparse.format.Swar;

import org.HdrHistogram.Histogram;

/**
 * What one worker has seen of an input: line counts, levels, HTTP statistics, top values, unique clients,
 * latency sketch, timeline and malformed samples. Records that the analysis's filters exclude count in the line counts
 * and in the filter's exclusions, and in nothing else. Partials of all workers merge into the analysis.
 * Not thread-safe: each worker owns one.
 */
final class Partial {
    /** Status codes are counted exactly in an array indexed by code. */
    static final int MAX_STATUS = 999;

    long lines;
    long parsed;
    long malformed;
    long empty;
    long records;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    final long[] levels = new long[Level.values().length];
    long httpRequests;
    long bytesSent;
    final long[] statuses = new long[MAX_STATUS + 1];
    final TopValues methods;
    final TopValues paths;
    final TopValues clients;
    final TopValues userAgents;
    final TopValues referrers;
    /** Durations in microseconds, 3 significant digits (0.1%), growing its range as needed. */
    final Histogram latencyMicros = new Histogram(3);
    long maxLatencyMicros = -1;
    /** Requests, errors and latency of the paths, bounded whatever the number of paths. */
    final PathStats pathStats = new PathStats();
    final Timeline timeline;
    final MalformedSamples samples;
    final Map<Integer, Integer> linesPerBlock = new HashMap<>();

    /** The analysis's filters, {@code null} when there are none (then counting costs one branch more). */
    final RecordFilter filter;

    private final LineFormat format;
    private final int maxLineBytes;
    private final ParsedLine line = new ParsedLine();

    Partial(LineFormat format, int maxLineBytes, int exactDistinct, int timelinePoints, int malformedSamples) {
        this(format, maxLineBytes, exactDistinct, timelinePoints, malformedSamples, Filters.NONE);
    }

    Partial(LineFormat format, int maxLineBytes, int exactDistinct, int timelinePoints, int malformedSamples,
            Filters filters) {
        this.filter = filters.isEmpty() ? null : new RecordFilter(filters);
        this.format = format;
        this.maxLineBytes = maxLineBytes;
        this.methods = new TopValues(exactDistinct);
        this.paths = new TopValues(exactDistinct);
        this.clients = new TopValues(exactDistinct);
        this.userAgents = new TopValues(exactDistinct);
        this.referrers = new TopValues(exactDistinct);
        this.timeline = new Timeline(timelinePoints);
        this.samples = new MalformedSamples(malformedSamples);
    }

    /**
     * Parses and counts every line of a block.
     *
     * @param block  block number, in input order
     * @param buf    block bytes
     * @param length bytes in the block
     */
    void block(int block, byte[] buf, int length) {
        boolean inRecord = block > 0;
        int lineInBlock = 0;
        int pos = 0;
        while (pos < length) {
            int newline = Swar.indexOf(buf, pos, length, (byte) '\n');
            int end = newline < 0 ? length : newline;
            int next = newline < 0 ? length : newline + 1;
            if (end > pos && buf[end - 1] == '\r') {
                end--;
            }
            lineInBlock++;
            inRecord = line(block, lineInBlock, buf, pos, end, inRecord);
            pos = next;
        }
        lines += lineInBlock;
        linesPerBlock.put(block, lineInBlock);
        methods.flush();
        paths.flush();
        referrers.flush();
        userAgents.flush();
        clients.flush();
    }

    /** Handles one line; returns whether a record is open that continuation lines may join. */
    private boolean line(int block, int lineInBlock, byte[] buf, int start, int end, boolean inRecord) {
        if (end == start) {
            empty++;
            return inRecord;
        }
        if (end - start > maxLineBytes) {
            malformed++;
            samples.add(block, lineInBlock, Reasons.LINE_TOO_LONG, buf, start, end);
            return false;
        }
        if (inRecord && format.continuesRecord(buf, start, end)) {
            parsed++;
            return true;
        }
        if (!format.parse(buf, start, end, line)) {
            malformed++;
            samples.add(block, lineInBlock, line.error(), buf, start, end);
            return false;
        }
        parsed++;
        records++;
        // An excluded record still opens a record: its continuation lines fold into it, and are not counted either.
        if (filter == null || filter.accepts(line, buf, start, end)) {
            count(line, buf);
        }
        return true;
    }

    private void count(ParsedLine record, byte[] blockBuffer) {
        long millis = record.timestampMillis();
        boolean error = record.level().compareTo(Level.ERROR) >= 0 && record.level() != Level.NONE;
        levels[record.level().ordinal()]++;
        int status = record.status();
        if (status >= 0) {
            error |= status >= 500;
            countHttp(record, status, error, blockBuffer);
        }
        if (millis != ParsedLine.NO_TIMESTAMP) {
            firstMillis = Math.min(firstMillis, millis);
            lastMillis = Math.max(lastMillis, millis);
            timeline.add(millis, error);
        }
    }

    private void countHttp(ParsedLine record, int status, boolean error, byte[] blockBuffer) {
        httpRequests++;
        statuses[Math.min(status, MAX_STATUS)]++;
        if (record.bytes() > 0) {
            bytesSent += record.bytes();
        }
        addIfPresent(methods, record, Field.METHOD, blockBuffer);
        if (record.has(Field.PATH)) {
            addPath(record, error, blockBuffer);
        }
        addIfPresent(referrers, record, Field.REFERER, blockBuffer);
        addIfPresent(userAgents, record, Field.USER_AGENT, blockBuffer);
        addIfPresent(clients, record, Field.CLIENT, blockBuffer);
        if (record.durationMicros() >= 0) {
            latencyMicros.recordValue(record.durationMicros());
            maxLatencyMicros = Math.max(maxLatencyMicros, record.durationMicros());
        }
    }

    private void addPath(ParsedLine record, boolean error, byte[] blockBuffer) {
        byte[] buf = record.buffer(Field.PATH);
        int start = record.start(Field.PATH);
        int end = record.end(Field.PATH);
        long hash = record.knownHash(Field.PATH);
        if (buf == blockBuffer) {
            paths.addLater(buf, start, end, hash);
        } else {
            paths.add(buf, start, end);
        }
        pathStats.add(buf, start, end, hash, error, record.durationMicros());
    }

    /** Counts a field; a value in the block (not unescaped into the record's scratch space) in a batch. */
    private static void addIfPresent(TopValues values, ParsedLine record, Field field, byte[] blockBuffer) {
        if (!record.has(field)) {
            return;
        }
        if (record.buffer(field) == blockBuffer) {
            values.addLater(blockBuffer, record.start(field), record.end(field), record.knownHash(field));
        } else {
            values.add(record.buffer(field), record.start(field), record.end(field));
        }
    }

    /**
     * Adds another worker's partial to this one.
     *
     * @param other partial of another worker of the same analysis
     */
    void merge(Partial other) {
        lines += other.lines;
        parsed += other.parsed;
        malformed += other.malformed;
        empty += other.empty;
        records += other.records;
        firstMillis = Math.min(firstMillis, other.firstMillis);
        lastMillis = Math.max(lastMillis, other.lastMillis);
        for (int i = 0; i < levels.length; i++) {
            levels[i] += other.levels[i];
        }
        httpRequests += other.httpRequests;
        bytesSent += other.bytesSent;
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] += other.statuses[i];
        }
        methods.merge(other.methods);
        paths.merge(other.paths);
        clients.merge(other.clients);
        userAgents.merge(other.userAgents);
        referrers.merge(other.referrers);
        latencyMicros.add(other.latencyMicros);
        maxLatencyMicros = Math.max(maxLatencyMicros, other.maxLatencyMicros);
        pathStats.merge(other.pathStats);
        timeline.merge(other.timeline);
        samples.merge(other.samples);
        linesPerBlock.putAll(other.linesPerBlock);
        if (filter != null) {
            filter.merge(other.filter);
        }
    }
}
