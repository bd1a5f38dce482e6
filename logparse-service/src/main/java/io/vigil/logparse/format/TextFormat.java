package io.vigil.logparse.format;

/**
 * {@code text}: the fallback for unknown or mixed input; every line parses.
 * <pre>
 * 2024-03-14T10:15:30Z worker-3 ERROR job 42 failed: timeout
 * </pre>
 * Definition: the whole line is the message. The level is the first word (a maximal run of ASCII letters) that
 * is written in upper case and names a level ({@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} and the
 * other names {@link Levels} knows). The timestamp is read when the line starts, directly or after {@code [},
 * with an ISO 8601 date-time ({@code T} or space, optional fraction and offset), {@code yyyy/MM/dd HH:mm:ss},
 * a syslog {@code MMM dd HH:mm:ss} (year inferred), a Common Log Format date or an Apache error-log date;
 * otherwise there is none. Optimised byte scanner.
 */
final class TextFormat implements LineFormat {
    private final TimeContext time;

    TextFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "Plain text fallback: every line counts, with levels found by keyword and leading timestamps";
    }

    @Override
    public String sample() {
        return "2024-03-14T10:15:30Z worker-3 ERROR job 42 failed: timeout";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        out.set(Field.MSG, buf, start, end);
        out.level(level(buf, start, end));
        boolean bracket = start < end && buf[start] == '[';
        int s = bracket ? start + 1 : start;
        int e = bracket ? closingBracket(buf, s, end) : end;
        long ts = timestamp(buf, s, e, bracket, out);
        if (ts != Timestamps.NONE) {
            out.timestampMillis(ts);
        }
        return true;
    }

    private static int closingBracket(byte[] b, int s, int e) {
        int close = Bytes.indexOf(b, s, Math.min(e, s + 64), (byte) ']');
        return close < 0 ? e : close;
    }

    private static Level level(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            while (i < e && !letter(b[i])) {
                i++;
            }
            int wordStart = i;
            boolean upper = true;
            while (i < e && letter(b[i])) {
                upper &= b[i] <= 'Z';
                i++;
            }
            if (upper && i - wordStart >= 3) {
                Level level = Levels.parse(b, wordStart, i);
                if (level != Level.NONE) {
                    return level;
                }
            }
        }
        return Level.NONE;
    }

    private static boolean letter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private long timestamp(byte[] b, int s, int e, boolean bracketed, ParsedLine out) {
        if (e - s < 15) {
            return Timestamps.NONE;
        }
        if (Timestamps.digit(b[s]) < 0) {
            return bracketed ? Timestamps.apache(b, s, e, time, out.dates) : Timestamps.bsd(b, s, e, time, out.dates);
        }
        if (b[s + 4] == '/') {
            return Timestamps.slashed(b, s, e, time, out.dates);
        }
        if (b[s + 2] == '/') {
            return bracketed ? Timestamps.clf(b, s, e, out.dates) : Timestamps.NONE;
        }
        int isoEnd = Timestamps.isoEnd(b, s, e);
        return isoEnd < 0 ? Timestamps.NONE : Timestamps.iso(b, s, isoEnd, time, out.dates);
    }
}
