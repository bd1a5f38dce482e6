package io.vigil.logparse.format;

/**
 * {@code logcat}: Android's {@code logcat -v threadtime}, the default of {@code adb logcat}.
 * <pre>
 * 11-26 14:03:07.512  1893  2011 W ActivityManager: Slow operation
 * </pre>
 * Definition: {@code MM-dd SP HH:mm:ss.SSS 1*SP pid 1*SP tid SP L SP tag ":" [SP message]} where {@code L} is V, D,
 * I, W, E, F or A (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, FATAL); the tag (the {@code app}) may be padded with spaces
 * before its colon. The year comes from the rule of {@link TimeContext}; local time. The thread id is the extra
 * {@code tid}. Optimised byte parser.
 */
final class LogcatFormat implements LineFormat {
    private static final byte[] TID = Bytes.ascii("tid");
    /** Bytes of {@code MM-dd HH:mm:ss.SSS}. */
    private static final int STAMP = 18;

    private final TimeContext time;

    LogcatFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "logcat";
    }

    @Override
    public String description() {
        return "Android logcat, threadtime layout (MM-dd HH:mm:ss.SSS pid tid L tag: msg); the year is inferred";
    }

    @Override
    public String sample() {
        return "11-26 14:03:07.512  1893  2011 W ActivityManager: Slow operation in broadcast receiver";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        if (end - start < STAMP + 8) {
            return out.fail(Reasons.TRUNCATED);
        }
        long ts = timestamp(buf, start, out);
        if (ts == Timestamps.NONE) {
            return out.fail(Reasons.BAD_TIMESTAMP);
        }
        out.timestampMillis(ts);
        return columns(buf, start + STAMP, end, out);
    }

    /** {@code 1*SP pid 1*SP tid SP L SP}, then the tag and the message. */
    private static boolean columns(byte[] buf, int s, int end, ParsedLine out) {
        int pidStart = Bytes.skipSpaces(buf, s, end);
        int pidEnd = Timestamps.digitsEnd(buf, pidStart, end);
        int tidStart = Bytes.skipSpaces(buf, pidEnd, end);
        int tidEnd = Timestamps.digitsEnd(buf, tidStart, end);
        int levelAt = tidEnd + 1;
        boolean columns = pidStart > s && pidEnd > pidStart && tidStart > pidEnd && tidEnd > tidStart;
        if (!columns || levelAt + 2 > end || buf[tidEnd] != ' ' || buf[levelAt + 1] != ' ') {
            return out.fail(levelAt + 2 > end ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        Level level = level(buf[levelAt]);
        if (level == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        out.level(level);
        out.set(Field.PID, buf, pidStart, pidEnd);
        out.addExtra(TID, buf, tidStart, tidEnd);
        return tagAndMessage(buf, levelAt + 2, end, out);
    }

    /** The tag up to the first {@code ": "} (or a colon ending the line), trailing padding dropped; then the message. */
    private static boolean tagAndMessage(byte[] b, int s, int e, ParsedLine out) {
        int colon = Bytes.indexOf(b, s, e, (byte) ':');
        while (colon >= 0 && colon + 1 < e && b[colon + 1] != ' ') {
            colon = Bytes.indexOf(b, colon + 1, e, (byte) ':');
        }
        if (colon < 0) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        int tagEnd = colon;
        while (tagEnd > s && b[tagEnd - 1] == ' ') {
            tagEnd--;
        }
        out.set(Field.APP, b, s, tagEnd);
        out.set(Field.MSG, b, Math.min(colon + 2, e), e);
        return true;
    }

    private long timestamp(byte[] b, int s, ParsedLine out) {
        if (b[s + 2] != '-' || b[s + 5] != ' ' || b[s + 14] != '.') {
            return Timestamps.NONE;
        }
        int month = Timestamps.digits(b, s, 2);
        int day = Timestamps.digits(b, s + 3, 2);
        int secondOfDay = Timestamps.timeOfDay(b, s + 6);
        int millis = Timestamps.digits(b, s + 15, 3);
        if (month < 1 || month > 12 || day < 1 || secondOfDay < 0 || millis < 0) {
            return Timestamps.NONE;
        }
        return Timestamps.withoutYear(time, out.dates, month, day, secondOfDay, millis);
    }

    private static Level level(byte c) {
        return switch (c) {
            case 'V' -> Level.TRACE;
            case 'D' -> Level.DEBUG;
            case 'I' -> Level.INFO;
            case 'W' -> Level.WARN;
            case 'E' -> Level.ERROR;
            case 'F', 'A' -> Level.FATAL;
            default -> Level.NONE;
        };
    }
}
