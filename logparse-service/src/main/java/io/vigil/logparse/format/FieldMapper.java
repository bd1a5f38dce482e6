package io.vigil.logparse.format;

/**
 * Maps the keys of key/value formats (logfmt, JSON lines) to the normalised fields.
 *
 * <p>Rules: the first key that fills a field wins, later ones become extras; a value that does not convert (a
 * status that is not a number, an unknown level) is kept as an extra under its own name; unknown keys are
 * extras. Conversions:
 * <ul>
 *     <li>timestamps: RFC 3339 / ISO 8601 text, or a number of epoch seconds (below 10^11, may have a fraction),
 *     milliseconds (below 10^14), microseconds (below 10^17) or nanoseconds;</li>
 *     <li>levels: names (any case) or bunyan/pino numbers 10..60;</li>
 *     <li>durations: a number with a unit ({@code ns us µs ms s m h}), or a bare number in the key's unit:
 *     seconds for {@code request_time} and {@code *_s}/{@code *_seconds}, microseconds for {@code *_us},
 *     nanoseconds for ECS {@code event.duration} and {@code *_ns}, milliseconds otherwise;</li>
 *     <li>a path with a {@code ?} is split into path and query; a trailing line break of a message (Docker's
 *     {@code log}) is dropped.</li>
 * </ul>
 * Optimised: key lookup compares bytes against the constants of the same length, no allocation.
 */
final class FieldMapper {
    private enum Target {
        TS, LEVEL, MSG, HOST, APP, PID, CLIENT, METHOD, PATH, QUERY, PROTOCOL, STATUS, BYTES, REFERER, USER_AGENT,
        DURATION_MS, DURATION_S, DURATION_US, DURATION_NS
    }

    private static final byte[][] KEYS;
    private static final Target[] TARGETS;
    /** Indexes into {@link #KEYS} by key length: a lookup compares only keys of the right length. */
    private static final int[][] BY_LENGTH;

    static {
        Object[][] table = {
            {Target.TS, "@timestamp", "timestamp", "time", "ts", "datetime"},
            {Target.LEVEL, "level", "log.level", "severity", "lvl", "levelname", "loglevel", "at"},
            {Target.MSG, "message", "msg", "event", "log"},
            {Target.HOST, "host", "hostname", "host.name", "host.hostname"},
            {Target.APP, "app", "application", "service.name", "name"},
            {Target.PID, "pid", "process.pid"},
            {Target.CLIENT, "client", "client_ip", "clientip", "remote_addr", "remote_ip", "client.ip", "client.address",
                "source.ip", "ip"},
            {Target.METHOD, "method", "request_method", "http_method", "http.request.method"},
            {Target.PATH, "path", "uri", "request_uri", "url.path"},
            {Target.QUERY, "query", "query_string", "url.query"},
            {Target.PROTOCOL, "protocol", "proto", "server_protocol"},
            {Target.STATUS, "status", "status_code", "statusCode", "http.response.status_code"},
            {Target.BYTES, "bytes", "bytes_sent", "body_bytes_sent", "size", "http.response.body.bytes"},
            {Target.REFERER, "referer", "referrer", "http_referer", "http.request.referrer"},
            {Target.USER_AGENT, "user_agent", "userAgent", "http_user_agent", "user_agent.original"},
            {Target.DURATION_MS, "duration", "duration_ms", "elapsed", "elapsed_ms", "took", "latency", "latency_ms",
                "response_time", "responseTime"},
            {Target.DURATION_S, "request_time", "duration_s", "duration_seconds", "elapsed_s"},
            {Target.DURATION_US, "duration_us", "duration_micros"},
            {Target.DURATION_NS, "event.duration", "duration_ns"},
        };
        int count = 0;
        for (Object[] row : table) {
            count += row.length - 1;
        }
        KEYS = new byte[count][];
        TARGETS = new Target[count];
        int k = 0;
        for (Object[] row : table) {
            for (int i = 1; i < row.length; i++) {
                KEYS[k] = ((String) row[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                TARGETS[k++] = (Target) row[0];
            }
        }
        int longest = 0;
        for (byte[] key : KEYS) {
            longest = Math.max(longest, key.length);
        }
        BY_LENGTH = new int[longest + 1][0];
        for (int i = 0; i < KEYS.length; i++) {
            int[] same = BY_LENGTH[KEYS[i].length];
            BY_LENGTH[KEYS[i].length] = java.util.Arrays.copyOf(same, same.length + 1);
            BY_LENGTH[KEYS[i].length][same.length] = i;
        }
    }

    private final TimeContext time;

    FieldMapper(TimeContext time) {
        this.time = time;
    }

    /**
     * Stores one key/value pair: into its normalised field, or as an extra.
     */
    void map(byte[] nb, int ns, int ne, byte[] vb, int vs, int ve, ParsedLine out) {
        Target target = lookup(nb, ns, ne);
        if (target == null || !apply(target, vb, vs, ve, out)) {
            out.addExtra(nb, ns, ne, vb, vs, ve);
        }
    }

    private static Target lookup(byte[] b, int s, int e) {
        int length = e - s;
        if (length >= BY_LENGTH.length) {
            return null;
        }
        int[] candidates = BY_LENGTH[length];
        for (int i : candidates) {
            if (KEYS[i][0] == b[s] && Bytes.regionMatches(b, s, e, KEYS[i])) {
                return TARGETS[i];
            }
        }
        return null;
    }

    private boolean apply(Target target, byte[] b, int s, int e, ParsedLine out) {
        return switch (target) {
            case TS -> out.timestampMillis() == ParsedLine.NO_TIMESTAMP && timestamp(b, s, e, out);
            case LEVEL -> out.level() == Level.NONE && level(b, s, e, out);
            case MSG -> setIfEmpty(out, Field.MSG, b, s, trimLineBreak(b, s, e));
            case HOST -> setIfEmpty(out, Field.HOST, b, s, e);
            case APP -> setIfEmpty(out, Field.APP, b, s, e);
            case PID -> setIfEmpty(out, Field.PID, b, s, e);
            case CLIENT -> setIfEmpty(out, Field.CLIENT, b, s, e);
            case METHOD -> setIfEmpty(out, Field.METHOD, b, s, e);
            case PATH -> !out.has(Field.PATH) && !out.has(Field.QUERY) && path(b, s, e, out);
            case QUERY -> setIfEmpty(out, Field.QUERY, b, s, e);
            case PROTOCOL -> setIfEmpty(out, Field.PROTOCOL, b, s, e);
            case REFERER -> setIfEmpty(out, Field.REFERER, b, s, e);
            case USER_AGENT -> setIfEmpty(out, Field.USER_AGENT, b, s, e);
            default -> number(target, b, s, e, out);
        };
    }

    private static boolean number(Target target, byte[] b, int s, int e, ParsedLine out) {
        return switch (target) {
            case STATUS -> out.status() < 0 && status(b, s, e, out);
            case BYTES -> out.bytes() < 0 && bytes(b, s, e, out);
            case DURATION_S -> out.durationMicros() < 0 && duration(b, s, e, 1_000_000_000L, out);
            case DURATION_US -> out.durationMicros() < 0 && duration(b, s, e, 1_000L, out);
            case DURATION_NS -> out.durationMicros() < 0 && duration(b, s, e, 1L, out);
            default -> out.durationMicros() < 0 && duration(b, s, e, 1_000_000L, out);
        };
    }

    private static boolean setIfEmpty(ParsedLine out, Field field, byte[] b, int s, int e) {
        if (out.has(field) || s == e) {
            return false;
        }
        out.set(field, b, s, e);
        return true;
    }

    private static int trimLineBreak(byte[] b, int s, int e) {
        int end = e;
        while (end > s && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    private static boolean path(byte[] b, int s, int e, ParsedLine out) {
        if (s == e) {
            return false;
        }
        Bytes.target(b, s, e, out);
        return true;
    }

    private static boolean level(byte[] b, int s, int e, ParsedLine out) {
        long number = Bytes.parseLong(b, s, e);
        Level level = number >= 0 ? Levels.ofNumber(number) : Levels.parse(b, s, e);
        out.level(level);
        return level != Level.NONE;
    }

    private static boolean status(byte[] b, int s, int e, ParsedLine out) {
        long status = Bytes.parseLong(b, s, e);
        if (status < 0 || status > 999) {
            return false;
        }
        out.status((int) status);
        return true;
    }

    private static boolean bytes(byte[] b, int s, int e, ParsedLine out) {
        long bytes = Bytes.parseLong(b, s, e);
        if (bytes < 0) {
            return false;
        }
        out.bytes(bytes);
        return true;
    }

    private boolean timestamp(byte[] b, int s, int e, ParsedLine out) {
        boolean text = e - s >= 19 && b[s + 4] == '-';
        long ts = text ? Timestamps.iso(b, s, e, time, out.dates) : epoch(b, s, e);
        if (ts == Timestamps.NONE) {
            return false;
        }
        out.timestampMillis(ts);
        return true;
    }

    /** Epoch seconds, millis, micros or nanos by magnitude (see the class comment). */
    static long epoch(byte[] b, int s, int e) {
        int dot = Bytes.indexOf(b, s, e, (byte) '.');
        long whole = Bytes.parseLong(b, s, dot < 0 ? e : dot);
        if (whole < 0) {
            return Timestamps.NONE;
        }
        if (whole < 100_000_000_000L) {
            long micros = Bytes.secondsAsMicros(b, s, e);
            return micros < 0 ? Timestamps.NONE : micros / 1000;
        }
        if (whole < 100_000_000_000_000L) {
            return whole;
        }
        return whole < 100_000_000_000_000_000L ? whole / 1000 : whole / 1_000_000;
    }

    /**
     * A duration with an optional unit; {@code unitNanos} is the unit of a bare number.
     */
    private static boolean duration(byte[] b, int s, int e, long unitNanos, ParsedLine out) {
        int numberEnd = s;
        while (numberEnd < e && (Timestamps.digit(b[numberEnd]) >= 0 || b[numberEnd] == '.')) {
            numberEnd++;
        }
        long nanosPerUnit = numberEnd == e ? unitNanos : unitNanos(b, numberEnd, e);
        long microUnits = Bytes.secondsAsMicros(b, s, numberEnd);
        if (nanosPerUnit < 0 || microUnits < 0) {
            return false;
        }
        double micros = microUnits / 1e6 * nanosPerUnit / 1e3;
        if (micros > 1e15) {
            return false;
        }
        out.durationMicros((long) micros);
        return true;
    }

    private static final byte[][] UNITS = {
        Bytes.ascii("ns"), Bytes.ascii("us"), "\u00b5s".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Bytes.ascii("ms"), Bytes.ascii("s"), Bytes.ascii("m"), Bytes.ascii("h"),
    };
    private static final long[] UNIT_NANOS = {1L, 1_000L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
        3_600_000_000_000L};

    private static long unitNanos(byte[] b, int s, int e) {
        for (int i = 0; i < UNITS.length; i++) {
            if (Bytes.equals(b, s, e, UNITS[i])) {
                return UNIT_NANOS[i];
            }
        }
        return -1;
    }
}
