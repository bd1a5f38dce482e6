package io.vigil.logparse.format;

/**
 * {@code log4j}: the default pattern layouts of log4j 1/2 and logback, with multi-line stack traces.
 * <pre>
 * 2024-03-14 10:15:30,123 ERROR [main] com.example.App - Connection refused
 * 10:15:30.123 [main] ERROR com.example.App - Connection refused
 * </pre>
 * Definition: {@code head 1*SP body}. {@code head} is {@code yyyy-MM-dd SP time} or an ISO 8601 date-time
 * with {@code T} (local time unless it has an offset), a time of day {@code HH:mm:ss[(.|,)SSS]} alone (dated by
 * the rule of {@link TimeContext}), or a number of milliseconds since start-up (log4j 1's TTCC {@code %r}, no
 * timestamp). {@code body} is {@code level 1*SP "[" thread "]" 1*SP logger} (log4j's {@code %d %-5p [%t] %c})
 * or {@code "[" thread "]" 1*SP level 1*SP logger} (logback's and log4j 2's {@code %d [%t] %-5level %logger}),
 * then {@code 1*SP "-" [SP message]}. The thread ends at the first {@code "] "}; the logger is a run of non-space
 * bytes; the level is any name {@link Levels} knows. Fields: {@code ts}, {@code level}, {@code msg}, extras
 * {@code thread} and {@code logger}. Stack-trace lines ({@link StackTraces#java}) continue the record above.
 * Optimised byte parser.
 */
final class Log4jFormat implements LineFormat {
    private static final byte[] THREAD = Bytes.ascii("thread");
    private static final byte[] LOGGER = Bytes.ascii("logger");
    /** A head that is TTCC's milliseconds since start-up: no timestamp. */
    private static final long RELATIVE = Long.MIN_VALUE + 1;

    private final TimeContext time;

    Log4jFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "log4j";
    }

    @Override
    public String description() {
        return "log4j/logback default pattern layouts, with stack traces folded into their record";
    }

    @Override
    public String sample() {
        return "2024-03-14 10:15:30,123 ERROR [main] com.example.App - Connection refused";
    }

    @Override
    public boolean continuesRecord(byte[] buf, int start, int end) {
        return StackTraces.java(buf, start, end);
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int i = head(buf, start, end, out);
        if (i < 0) {
            return false;
        }
        if (i >= end) {
            return out.fail(Reasons.TRUNCATED);
        }
        i = buf[i] == '[' ? threadThenLevel(buf, i, end, out) : levelThenThread(buf, i, end, out);
        if (i < 0) {
            return false;
        }
        return loggerAndMessage(buf, i, end, out);
    }

    /** The timestamp; returns the index of the first byte of the body, or -1. */
    private int head(byte[] b, int s, int e, ParsedLine out) {
        int t = Bytes.tokenEnd(b, s, e);
        if (t - s == 10 && b[s + 4] == '-' && b[s + 7] == '-') {
            t = Bytes.tokenEnd(b, Math.min(t + 1, e), e);
        }
        long ts = timestamp(b, s, t, out);
        if (ts == Timestamps.NONE || t >= e) {
            out.fail(ts == Timestamps.NONE ? Reasons.BAD_TIMESTAMP : Reasons.TRUNCATED);
            return -1;
        }
        if (ts != RELATIVE) {
            out.timestampMillis(ts);
        }
        return Bytes.skipSpaces(b, t, e);
    }

    private long timestamp(byte[] b, int s, int t, ParsedLine out) {
        if (t - s >= 19 && b[s + 4] == '-') {
            return Timestamps.iso(b, s, t, time, out.dates);
        }
        if (t - s >= 8 && b[s + 2] == ':') {
            return Timestamps.timeOnly(b, s, t, time, out.dates);
        }
        return Bytes.parseLong(b, s, t) >= 0 ? RELATIVE : Timestamps.NONE;
    }

    private static int levelThenThread(byte[] b, int s, int e, ParsedLine out) {
        int i = level(b, s, e, out);
        return i < 0 || i >= e || b[i] != '[' ? fail(out, i, e) : thread(b, i, e, out);
    }

    private static int threadThenLevel(byte[] b, int s, int e, ParsedLine out) {
        int i = thread(b, s, e, out);
        return i < 0 ? i : level(b, i, e, out);
    }

    private static int fail(ParsedLine out, int i, int e) {
        if (i >= 0) {
            out.fail(i >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        return -1;
    }

    /** A level word; returns the index after it and its padding, or -1. */
    private static int level(byte[] b, int s, int e, ParsedLine out) {
        int t = Bytes.tokenEnd(b, s, e);
        Level level = Levels.parse(b, s, t);
        if (level == Level.NONE) {
            out.fail(Reasons.BAD_LEVEL);
            return -1;
        }
        out.level(level);
        return Bytes.skipSpaces(b, t, e);
    }

    /** {@code "[" thread "]"} at {@code s}; returns the index after it and the following spaces, or -1. */
    private static int thread(byte[] b, int s, int e, ParsedLine out) {
        int close = s + 1;
        while (close < e && !(b[close] == ']' && close + 1 < e && b[close + 1] == ' ')) {
            close++;
        }
        if (close >= e) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        out.addExtra(THREAD, b, s + 1, close);
        return Bytes.skipSpaces(b, close + 1, e);
    }

    private static boolean loggerAndMessage(byte[] b, int s, int e, ParsedLine out) {
        int t = Bytes.tokenEnd(b, s, e);
        int dash = Bytes.skipSpaces(b, t, e);
        if (t == s || dash >= e) {
            return out.fail(dash >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        if (b[dash] != '-' || dash + 1 < e && b[dash + 1] != ' ') {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        out.addExtra(LOGGER, b, s, t);
        if (dash + 1 < e) {
            out.set(Field.MSG, b, dash + 2, e);
        }
        return true;
    }
}
