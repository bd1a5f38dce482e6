package io.vigil.logparse.format;

/**
 * {@code text}: the fallback for unknown or mixed input; every line parses.
 * <pre>
 * 2024-03-14T10:15:30Z worker-3 ERROR job 42 failed: timeout
 * 26/11/24 14:03:07 WARN scheduler.TaskSetManager: Lost task 3.0
 * </pre>
 * Definition: the whole line is the message. The time at the start of the line and the level are read as the
 * {@link TextLayout} says; the layout is chosen once per log from its first lines ({@link #forLines}) and defaults
 * to {@link TextLayout#STANDARD}: an ISO 8601 date-time ({@code T} or space, optional fraction and offset),
 * {@code yyyy/MM/dd HH:mm:ss}, a syslog {@code MMM dd HH:mm:ss} (year inferred), each optionally after {@code [}, or
 * a bracketed Common Log Format or Apache error-log date; the level is the first word (a maximal run of ASCII
 * letters) that is written in upper case and names a level ({@code ERROR}, {@code WARN}, {@code INFO},
 * {@code DEBUG} and the other names {@link Levels} knows). A line whose start does not match the layout has no
 * time. Optimised byte scanner.
 */
final class TextFormat implements LineFormat {
    private final TimeContext time;
    private final TextLayout layout;

    TextFormat(TimeContext time) {
        this(time, TextLayout.STANDARD);
    }

    TextFormat(TimeContext time, TextLayout layout) {
        this.time = time;
        this.layout = layout;
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "Plain text fallback: every line counts, with the leading time and the level of the layout"
               + " found in the first lines";
    }

    @Override
    public String sample() {
        return "2024-03-14T10:15:30Z worker-3 ERROR job 42 failed: timeout";
    }

    /** The layout the lines are read with. */
    TextLayout layout() {
        return layout;
    }

    @Override
    public LineFormat forLines(byte[] buf, int start, int end) {
        TextLayout chosen = TextLayout.choose(buf, start, end, time);
        return chosen == layout ? this : new TextFormat(time, chosen);
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        out.set(Field.MSG, buf, start, end);
        out.level(layout.level(buf, start, end));
        long ts = layout.time(buf, start, end, time, out.dates);
        if (ts != Timestamps.NONE) {
            out.timestampMillis(ts);
        }
        return true;
    }
}
