package io.vigil.logparse.format;

/**
 * {@code klog}: the glog/klog header used by Kubernetes components.
 * <pre>
 * E0314 10:15:30.123456   12345 reflector.go:138] Failed to watch *v1.Pod: connection refused
 * </pre>
 * Definition: {@code L MMdd SP HH:mm:ss.ffffff 1*SP threadid SP file ":" line "]" [SP message]} where {@code L}
 * is I, W, E or F (INFO, WARN, ERROR, FATAL). The year comes from the rule of {@link TimeContext}; local time;
 * microseconds are truncated to milliseconds. klog writes {@code os.Getpid()} as the "threadid", so it is the
 * {@code pid}; {@code file:line} is the extra {@code source}. Optimised byte parser.
 */
final class KlogFormat implements LineFormat {
    private static final byte[] SOURCE = Bytes.ascii("source");
    private static final int HEADER = 21;

    private final TimeContext time;

    KlogFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "klog";
    }

    @Override
    public String description() {
        return "Kubernetes klog / glog (Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg); the year is inferred";
    }

    @Override
    public String sample() {
        return "E0314 10:15:30.123456   12345 reflector.go:138] Failed to watch *v1.Pod: connection refused";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        if (end - start < HEADER + 2) {
            return out.fail(Reasons.TRUNCATED);
        }
        Level level = level(buf[start]);
        if (level == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        out.level(level);
        long ts = timestamp(buf, start + 1, out);
        if (ts == Timestamps.NONE) {
            return out.fail(Reasons.BAD_TIMESTAMP);
        }
        out.timestampMillis(ts);
        int pidStart = Bytes.skipSpaces(buf, start + HEADER, end);
        int pidEnd = Bytes.tokenEnd(buf, pidStart, end);
        if (pidStart == start + HEADER || Bytes.parseLong(buf, pidStart, pidEnd) < 0) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        out.set(Field.PID, buf, pidStart, pidEnd);
        return source(buf, pidEnd, end, out);
    }

    private static Level level(byte c) {
        return switch (c) {
            case 'I' -> Level.INFO;
            case 'W' -> Level.WARN;
            case 'E' -> Level.ERROR;
            case 'F' -> Level.FATAL;
            default -> Level.NONE;
        };
    }

    /** {@code MMdd HH:mm:ss.ffffff} at {@code s} (20 bytes; the caller checked the length). */
    private long timestamp(byte[] b, int s, ParsedLine out) {
        if (b[s + 4] != ' ' || b[s + 13] != '.') {
            return Timestamps.NONE;
        }
        int month = Timestamps.digits(b, s, 2);
        int day = Timestamps.digits(b, s + 2, 2);
        int secondOfDay = Timestamps.timeOfDay(b, s + 5);
        int micros = Timestamps.digits(b, s + 14, 6);
        if (month < 0 || day < 0 || secondOfDay < 0 || micros < 0) {
            return Timestamps.NONE;
        }
        return Timestamps.withoutYear(time, out.dates, month, day, secondOfDay, micros / 1000);
    }

    private static boolean source(byte[] b, int s, int e, ParsedLine out) {
        int close = Bytes.indexOf(b, s, e, (byte) ']');
        if (close < 0) {
            return out.fail(Reasons.TRUNCATED);
        }
        int colon = Bytes.indexOf(b, s, close, (byte) ':');
        if (b[s] != ' ' || colon <= s + 1 || Bytes.parseLong(b, colon + 1, close) < 0) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        out.addExtra(SOURCE, b, s + 1, close);
        if (close + 1 < e) {
            if (b[close + 1] != ' ') {
                return out.fail(Reasons.BAD_SYNTAX);
            }
            out.set(Field.MSG, b, close + 2, e);
        }
        return true;
    }
}
