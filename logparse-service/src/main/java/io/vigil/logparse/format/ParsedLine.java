package io.vigil.logparse.format;

import java.util.Optional;

/**
 * The fields of one parsed line, normalised across formats; one instance is reused by one worker for every line.
 *
 * <p>Field names follow docs/architecture.md. Absent text fields are empty slices, absent numbers are {@code -1},
 * an absent timestamp is {@link #NO_TIMESTAMP} and an absent level is {@link Level#NONE}. All slices point into the
 * line's buffer or into this object's scratch buffer (for unescaped values) and are valid until {@link #reset()}.
 * Not thread-safe: it also holds per-worker caches (the last date seen).
 */
public final class ParsedLine {
    /** {@link #timestampMillis()} when the line has no timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    /** Most extras kept per line; further ones are dropped. */
    public static final int MAX_EXTRAS = 64;

    final DateCache dates = new DateCache();

    private final Slice client = new Slice();
    private final Slice method = new Slice();
    private final Slice path = new Slice();
    private final Slice query = new Slice();
    private final Slice protocol = new Slice();
    private final Slice referer = new Slice();
    private final Slice userAgent = new Slice();
    private final Slice host = new Slice();
    private final Slice app = new Slice();
    private final Slice pid = new Slice();
    private final Slice msg = new Slice();

    private long timestampMillis = NO_TIMESTAMP;
    private Level level = Level.NONE;
    private int status = -1;
    private long bytes = -1;
    private long durationMicros = -1;
    private String error;

    private Slice[] extraNames = new Slice[0];
    private Slice[] extraValues = new Slice[0];
    private int extraCount;

    private byte[] scratch = new byte[256];
    private int scratchUsed;

    /**
     * Clears every field before the next line; keeps the buffers.
     */
    public void reset() {
        client.clear();
        method.clear();
        path.clear();
        query.clear();
        protocol.clear();
        referer.clear();
        userAgent.clear();
        host.clear();
        app.clear();
        pid.clear();
        msg.clear();
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
     * Client address (HTTP formats, nginx and Apache error logs).
     *
     * @return client, empty when absent
     */
    public Slice client() {
        return client;
    }

    /**
     * HTTP method.
     *
     * @return method, empty when absent
     */
    public Slice method() {
        return method;
    }

    /**
     * Request path without the query string.
     *
     * @return path, empty when absent
     */
    public Slice path() {
        return path;
    }

    /**
     * Query string without its {@code ?}.
     *
     * @return query, empty when absent
     */
    public Slice query() {
        return query;
    }

    /**
     * Request protocol, e.g. {@code HTTP/1.1}.
     *
     * @return protocol, empty when absent
     */
    public Slice protocol() {
        return protocol;
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
     * Referer header.
     *
     * @return referer, empty when absent
     */
    public Slice referer() {
        return referer;
    }

    /**
     * User-Agent header.
     *
     * @return user agent, empty when absent
     */
    public Slice userAgent() {
        return userAgent;
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
     * Host that wrote the line (syslog hostname, JSON host) or the requested host (nginx error log).
     *
     * @return host, empty when absent
     */
    public Slice host() {
        return host;
    }

    /**
     * Application or program name (syslog tag, RFC 5424 APP-NAME, JSON service name).
     *
     * @return app, empty when absent
     */
    public Slice app() {
        return app;
    }

    /**
     * Process id, as text (RFC 5424 PROCID need not be numeric).
     *
     * @return pid, empty when absent
     */
    public Slice pid() {
        return pid;
    }

    /**
     * Free-text message.
     *
     * @return message, empty when absent
     */
    public Slice msg() {
        return msg;
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
     * Name of an extra field.
     *
     * @param index 0 to {@link #extraCount()} - 1
     * @return the name
     */
    public Slice extraName(int index) {
        return extraNames[index];
    }

    /**
     * Value of an extra field (empty for a bare logfmt key).
     *
     * @param index 0 to {@link #extraCount()} - 1
     * @return the value
     */
    public Slice extraValue(int index) {
        return extraValues[index];
    }

    /**
     * Looks up an extra by name; for tests and tools, not for the per-line path.
     *
     * @param name field name
     * @return the first value with that name
     */
    public Optional<Slice> extra(String name) {
        Slice wanted = Slice.of(name);
        for (int i = 0; i < extraCount; i++) {
            if (extraNames[i].equals(wanted)) {
                return Optional.of(extraValues[i]);
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
        int n = extraCount;
        n += timestampMillis != NO_TIMESTAMP ? 1 : 0;
        n += level != Level.NONE ? 1 : 0;
        n += status >= 0 ? 1 : 0;
        n += bytes >= 0 ? 1 : 0;
        n += durationMicros >= 0 ? 1 : 0;
        return n + present(client, method, path, query, protocol, referer, userAgent, host, app, pid, msg);
    }

    private static int present(Slice... slices) {
        int n = 0;
        for (Slice slice : slices) {
            n += slice.isEmpty() ? 0 : 1;
        }
        return n;
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
        if (extraCount == extraNames.length) {
            growExtras();
        }
        extraNames[extraCount].set(nameBuf, nameStart, nameEnd);
        extraValues[extraCount].set(buf, start, end);
        extraCount++;
    }

    private void growExtras() {
        int size = Math.min(MAX_EXTRAS, Math.max(8, extraNames.length * 2));
        Slice[] names = java.util.Arrays.copyOf(extraNames, size);
        Slice[] values = java.util.Arrays.copyOf(extraValues, size);
        for (int i = extraNames.length; i < size; i++) {
            names[i] = new Slice();
            values[i] = new Slice();
        }
        extraNames = names;
        extraValues = values;
    }

    /**
     * Makes room for {@code length} more bytes of unescaped text; earlier slices into the scratch buffer stay valid
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
}
