package io.vigil.logparse.format;

/**
 * {@code python}: Python {@code logging} output in the common layouts, with tracebacks.
 * <pre>
 * 2024-03-14 10:15:30,123 - app.db - ERROR - Connection refused
 * ERROR:app.db:Connection refused
 * </pre>
 * Definition, one of:
 * <ul>
 *     <li>{@code asctime " - " name " - " LEVEL " - " message} (the logging cookbook's
 *     {@code %(asctime)s - %(name)s - %(levelname)s - %(message)s}), or with level and name swapped;</li>
 *     <li>{@code asctime SP LEVEL SP name [SP message]} ({@code %(asctime)s %(levelname)s %(name)s %(message)s}),
 *     where the name does not start with {@code [} (that is log4j);</li>
 *     <li>{@code LEVEL ":" name ":" message} ({@code logging.basicConfig}'s default {@code BASIC_FORMAT}).</li>
 * </ul>
 * {@code asctime} is {@code yyyy-MM-dd HH:mm:ss,SSS} in local time; {@code LEVEL} one of DEBUG, INFO, WARNING,
 * ERROR, CRITICAL (upper case, as Python writes them); the name runs to the next separator. A message may be
 * empty. Fields: {@code ts}, {@code level}, {@code msg}, extra {@code logger}. Traceback lines
 * ({@link StackTraces#python}) continue the record above. Optimised byte parser.
 */
final class PythonFormat implements LineFormat {
    private static final byte[] LOGGER = Bytes.ascii("logger");
    private static final byte[] DASH = Bytes.ascii(" - ");
    private static final byte[][] LEVEL_NAMES = {
        Bytes.ascii("DEBUG"), Bytes.ascii("INFO"), Bytes.ascii("WARNING"), Bytes.ascii("ERROR"), Bytes.ascii("CRITICAL"),
    };
    private static final Level[] LEVELS = {Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL};
    private static final int ASCTIME = 23;

    private final TimeContext time;

    PythonFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "python";
    }

    @Override
    public String description() {
        return "Python logging (asctime - name - levelname - message, and basicConfig's LEVEL:name:message)";
    }

    @Override
    public String sample() {
        return "2024-03-14 10:15:30,123 - app.db - ERROR - Connection refused";
    }

    @Override
    public boolean continuesRecord(byte[] buf, int start, int end) {
        if (!StackTraces.python(buf, start, end)) {
            return false;
        }
        int colon = Bytes.indexOf(buf, start, end, (byte) ':');
        return colon < 0 || level(buf, start, colon) == Level.NONE;
    }

    /** A Python level name filling {@code [s, e)}, or NONE. */
    static Level level(byte[] b, int s, int e) {
        for (int i = 0; i < LEVEL_NAMES.length; i++) {
            if (Bytes.equals(b, s, e, LEVEL_NAMES[i])) {
                return LEVELS[i];
            }
        }
        return Level.NONE;
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        if (start < end && Timestamps.digit(buf[start]) < 0) {
            return basic(buf, start, end, out);
        }
        if (end - start < ASCTIME) {
            return out.fail(Reasons.TRUNCATED);
        }
        long ts = buf[start + 10] == ' ' ? Timestamps.iso(buf, start, start + ASCTIME, time, out.dates) : Timestamps.NONE;
        if (ts == Timestamps.NONE) {
            return out.fail(Reasons.BAD_TIMESTAMP);
        }
        out.timestampMillis(ts);
        int i = start + ASCTIME;
        if (Bytes.regionMatches(buf, i, end, DASH)) {
            return dashed(buf, i + DASH.length, end, out);
        }
        if (i >= end || buf[i] != ' ') {
            return out.fail(i >= end ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        return spaced(buf, i + 1, end, out);
    }

    /** {@code LEVEL ":" name ":" message}. */
    private static boolean basic(byte[] b, int s, int e, ParsedLine out) {
        int colon = Bytes.indexOf(b, s, e, (byte) ':');
        int second = colon < 0 ? -1 : Bytes.indexOf(b, colon + 1, e, (byte) ':');
        if (second < 0) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        Level level = level(b, s, colon);
        if (level == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        out.level(level);
        out.addExtra(LOGGER, b, colon + 1, second);
        out.set(Field.MSG, b, second + 1, e);
        return true;
    }

    /** {@code A " - " B [" - " message]} where one of A and B is the level. */
    private static boolean dashed(byte[] b, int s, int e, ParsedLine out) {
        int firstEnd = Bytes.indexOf(b, s, e, DASH);
        if (firstEnd < 0) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        int second = firstEnd + DASH.length;
        int secondEnd = Bytes.indexOf(b, second, e, DASH);
        int fieldEnd = secondEnd < 0 ? e : secondEnd;
        Level level = level(b, s, firstEnd);
        boolean levelFirst = level != Level.NONE;
        if (!levelFirst) {
            level = level(b, second, fieldEnd);
        }
        if (level == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        out.level(level);
        out.addExtra(LOGGER, b, levelFirst ? second : s, levelFirst ? fieldEnd : firstEnd);
        if (secondEnd >= 0) {
            out.set(Field.MSG, b, secondEnd + DASH.length, e);
        }
        return true;
    }

    /** {@code LEVEL SP name [SP message]}. */
    private static boolean spaced(byte[] b, int s, int e, ParsedLine out) {
        int levelEnd = Bytes.tokenEnd(b, s, e);
        Level level = level(b, s, levelEnd);
        if (level == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        int nameEnd = levelEnd < e ? Bytes.tokenEnd(b, levelEnd + 1, e) : e;
        if (nameEnd == levelEnd + 1 || levelEnd == e || b[levelEnd + 1] == '[') {
            return out.fail(levelEnd == e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        out.level(level);
        out.addExtra(LOGGER, b, levelEnd + 1, nameEnd);
        if (nameEnd < e) {
            out.set(Field.MSG, b, nameEnd + 1, e);
        }
        return true;
    }
}
