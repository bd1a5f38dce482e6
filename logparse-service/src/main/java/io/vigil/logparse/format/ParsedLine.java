package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One parsed record, normalised across formats: what a {@link LineFormat} writes and what the engine counts or
 * writes out. One instance is reused by one worker for every line.
 *
 * <p>The representation has no object per field or per line, so that parsing and counting allocate nothing:
 * <ul>
 *     <li>each text {@link Field} is a range {@code [start, end)} of a byte array, kept in parallel arrays indexed by
 *     the field's ordinal, with one presence bit per field; the array is the line's own buffer, or this object's
 *     scratch buffer for values that had to be unescaped;</li>
 *     <li>numbers are primitives: {@link #status()}, {@link #bytes()} and {@link #durationMicros()} are {@code -1}
 *     when absent, {@link #timestampMillis()} is {@link #NO_TIMESTAMP}; {@link #level()} is {@link Level#NONE};</li>
 *     <li>format-specific fields are extras: name and value ranges, in the order they were found.</li>
 * </ul>
 * A format fills a record with {@code set(Field, buf, start, end)} (or {@code setHashed} when it computed the
 * field's {@link KeyHash} on the way) and the number setters after {@link #reset()}; a consumer reads ranges with
 * {@link #has}, {@link #buffer}, {@link #start}, {@link #end} and {@link #knownHash} (the hot path), or text with
 * {@link #string} (everything else). Ranges stay valid until the next {@link #reset()}. Not thread-safe: it also
 * holds per-worker memos (the last date seen, see {@link DateCache}). Field names follow docs/architecture.md.
 */
public final class ParsedLine {
    /** {@link #timestampMillis()} when the line has no timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    /** Most extras kept per line; further ones are dropped. */
    public static final int MAX_EXTRAS = 64;

    private static final Field[] FIELDS = Field.values();

    final DateCache dates = new DateCache();

    private final byte[][] buffers = new byte[FIELDS.length][];
    private final int[] starts = new int[FIELDS.length];
    private final int[] ends = new int[FIELDS.length];
    private final int[] hashes = new int[FIELDS.length];
    /** Bit {@code 1 << field.ordinal()} set for each field present. */
    private int present;
    /** The same bit for each field whose {@link KeyHash} the format computed while scanning it. */
    private int hashed;

    private long timestampMillis = NO_TIMESTAMP;
    private Level level = Level.NONE;
    private int status = -1;
    private long bytes = -1;
    private long durationMicros = -1;
    private String error;

    /** Extras: name in {@code [0]}, value in {@code [1]}; per extra, its buffer, start and end. */
    private byte[][][] extraBuffers = new byte[2][0][];
    private int[][] extraStarts = new int[2][0];
    private int[][] extraEnds = new int[2][0];
    private int extraCount;

    private byte[] scratch = new byte[256];
    private int scratchUsed;

    /**
     * Clears every field before the next line; keeps the buffers.
     */
    public void reset() {
        present = 0;
        hashed = 0;
        timestampMillis = NO_TIMESTAMP;
        level = Level.NONE;
        status = -1;
        bytes = -1;
        durationMicros = -1;
        error = null;
        extraCount = 0;
        scratchUsed = 0;
    }

    /**
     * Whether a text field is present (absent fields have no bytes).
     *
     * @param field the field
     * @return {@code true} when the line has it
     */
    public boolean has(Field field) {
        return (present & 1 << field.ordinal()) != 0;
    }

    /**
     * The array holding a field; only meaningful when {@link #has} is true.
     *
     * @param field the field
     * @return the array its bytes are in
     */
    public byte[] buffer(Field field) {
        return buffers[field.ordinal()];
    }

    /**
     * Where a field starts in {@link #buffer}; only meaningful when {@link #has} is true.
     *
     * @param field the field
     * @return first index, inclusive
     */
    public int start(Field field) {
        return starts[field.ordinal()];
    }

    /**
     * Where a field ends in {@link #buffer}; only meaningful when {@link #has} is true.
     *
     * @param field the field
     * @return last index, exclusive
     */
    public int end(Field field) {
        return ends[field.ordinal()];
    }

    /**
     * A field as text, decoded as UTF-8 (malformed bytes become U+FFFD); allocates, so not for the per-line path.
     *
     * @param field the field
     * @return the text, empty when absent
     */
    public String string(Field field) {
        return has(field) ? text(buffer(field), start(field), end(field)) : "";
    }

    /**
     * A field's {@link KeyHash}, when the format computed it while finding the field's end.
     *
     * @param field the field
     * @return the hash as an unsigned number, or -1 when it was not computed
     */
    public long knownHash(Field field) {
        int k = field.ordinal();
        return (hashed & 1 << k) != 0 ? hashes[k] & 0xFFFF_FFFFL : -1;
    }

    /**
     * Sets a text field together with its {@link KeyHash}.
     */
    void setHashed(Field field, byte[] buf, int start, int end, int hash) {
        set(field, buf, start, end);
        if (end > start) {
            hashes[field.ordinal()] = hash;
            hashed |= 1 << field.ordinal();
        }
    }

    /**
     * Sets a text field; an empty range leaves it absent.
     */
    void set(Field field, byte[] buf, int start, int end) {
        int k = field.ordinal();
        hashed &= ~(1 << k);
        if (end > start) {
            buffers[k] = buf;
            starts[k] = start;
            ends[k] = end;
            present |= 1 << k;
        } else {
            present &= ~(1 << k);
        }
    }

    /**
     * Timestamp as epoch milliseconds (UTC).
     *
     * @return millis, or {@link #NO_TIMESTAMP}
     */
    public long timestampMillis() {
        return timestampMillis;
    }

    /**
     * Normalised level.
     *
     * @return level, {@link Level#NONE} when absent
     */
    public Level level() {
        return level;
    }

    /**
     * HTTP status.
     *
     * @return status, -1 when absent
     */
    public int status() {
        return status;
    }

    /**
     * Response size in bytes.
     *
     * @return bytes, -1 when absent
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Request or operation duration in microseconds.
     *
     * @return duration, -1 when absent
     */
    public long durationMicros() {
        return durationMicros;
    }

    /**
     * Number of format-specific extra fields.
     *
     * @return count, at most {@link #MAX_EXTRAS}
     */
    public int extraCount() {
        return extraCount;
    }

    /**
     * Name of an extra field; allocates.
     *
     * @param index 0 to {@link #extraCount()} - 1
     * @return the name
     */
    public String extraName(int index) {
        return text(extraBuffers[0][index], extraStarts[0][index], extraEnds[0][index]);
    }

    /**
     * Value of an extra field (empty for a bare logfmt key); allocates.
     *
     * @param index 0 to {@link #extraCount()} - 1
     * @return the value
     */
    public String extraValue(int index) {
        return text(extraBuffers[1][index], extraStarts[1][index], extraEnds[1][index]);
    }

    /**
     * Looks up an extra by name; for tests and tools, not for the per-line path.
     *
     * @param name field name
     * @return the first value with that name
     */
    public Optional<String> extra(String name) {
        for (int i = 0; i < extraCount; i++) {
            if (extraName(i).equals(name)) {
                return Optional.of(extraValue(i));
            }
        }
        return Optional.empty();
    }

    /**
     * How many fields the line yielded: present normalised fields plus extras. The detector prefers the format
     * that extracts more.
     *
     * @return number of fields
     */
    public int fieldCount() {
        int n = extraCount + Integer.bitCount(present);
        n += timestampMillis != NO_TIMESTAMP ? 1 : 0;
        n += level != Level.NONE ? 1 : 0;
        n += status >= 0 ? 1 : 0;
        n += bytes >= 0 ? 1 : 0;
        return n + (durationMicros >= 0 ? 1 : 0);
    }

    /**
     * Why the line is malformed.
     *
     * @return a {@link Reasons} constant, or {@code null} when the line parsed
     */
    public String error() {
        return error;
    }

    boolean fail(String reason) {
        this.error = reason;
        return false;
    }

    void timestampMillis(long millis) {
        this.timestampMillis = millis;
    }

    void level(Level level) {
        this.level = level;
    }

    void status(int status) {
        this.status = status;
    }

    void bytes(long bytes) {
        this.bytes = bytes;
    }

    void durationMicros(long micros) {
        this.durationMicros = micros;
    }

    void addExtra(byte[] name, byte[] buf, int start, int end) {
        addExtra(name, 0, name.length, buf, start, end);
    }

    void addExtra(byte[] nameBuf, int nameStart, int nameEnd, byte[] buf, int start, int end) {
        if (extraCount == MAX_EXTRAS) {
            return;
        }
        if (extraCount == extraStarts[0].length) {
            growExtras();
        }
        extraBuffers[0][extraCount] = nameBuf;
        extraStarts[0][extraCount] = nameStart;
        extraEnds[0][extraCount] = nameEnd;
        extraBuffers[1][extraCount] = buf;
        extraStarts[1][extraCount] = start;
        extraEnds[1][extraCount] = end;
        extraCount++;
    }

    /** Drops the extras added after the first {@code count}, as when a format gives up a part it had begun. */
    void truncateExtras(int count) {
        extraCount = Math.min(extraCount, count);
    }

    private void growExtras() {
        int size = Math.min(MAX_EXTRAS, Math.max(8, extraStarts[0].length * 2));
        for (int k = 0; k < 2; k++) {
            extraBuffers[k] = Arrays.copyOf(extraBuffers[k], size);
            extraStarts[k] = Arrays.copyOf(extraStarts[k], size);
            extraEnds[k] = Arrays.copyOf(extraEnds[k], size);
        }
    }

    /**
     * Makes room for {@code length} more bytes of unescaped text; earlier ranges in the scratch buffer stay valid
     * because a grown buffer is a new array.
     */
    byte[] scratchFor(int length) {
        if (scratchUsed + length > scratch.length) {
            scratch = new byte[Math.max(scratch.length * 2, length + 64)];
            scratchUsed = 0;
        }
        return scratch;
    }

    byte[] scratch() {
        return scratch;
    }

    int scratchUsed() {
        return scratchUsed;
    }

    void scratchUsed(int used) {
        this.scratchUsed = used;
    }

    private static String text(byte[] buf, int start, int end) {
        return end == start ? "" : new String(buf, start, end - start, StandardCharsets.UTF_8);
    }
}
