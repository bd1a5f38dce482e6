package io.vigil.logparse.format;

/**
 * Level names, in any letter case, to {@link Level}. Covers log4j/logback, Python, JUL, syslog severity keywords,
 * nginx and Apache error-log levels. Optimised: compares bytes against constants, no allocation.
 */
final class Levels {
    private static final byte[][] NAMES = {
        Bytes.ascii("trace"), Bytes.ascii("finest"), Bytes.ascii("finer"),
        Bytes.ascii("debug"), Bytes.ascii("fine"), Bytes.ascii("config"), Bytes.ascii("verbose"),
        Bytes.ascii("info"), Bytes.ascii("information"), Bytes.ascii("informational"), Bytes.ascii("notice"),
        Bytes.ascii("warn"), Bytes.ascii("warning"),
        Bytes.ascii("error"), Bytes.ascii("err"), Bytes.ascii("severe"),
        Bytes.ascii("fatal"), Bytes.ascii("critical"), Bytes.ascii("crit"), Bytes.ascii("alert"),
        Bytes.ascii("emerg"), Bytes.ascii("emergency"), Bytes.ascii("panic"),
    };
    private static final Level[] LEVELS = {
        Level.TRACE, Level.TRACE, Level.TRACE,
        Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.DEBUG,
        Level.INFO, Level.INFO, Level.INFO, Level.INFO,
        Level.WARN, Level.WARN,
        Level.ERROR, Level.ERROR, Level.ERROR,
        Level.FATAL, Level.FATAL, Level.FATAL, Level.FATAL,
        Level.FATAL, Level.FATAL, Level.FATAL,
    };
    private static final byte[] TRACE = Bytes.ascii("trace");
    /** {@code Level.values()} copies the array on every call; this copy is made once. */
    private static final Level[] BY_ORDINAL = Level.values();

    private Levels() {
    }

    /**
     * The level named by {@code [s, e)}, case-insensitive; Apache's {@code trace1}..{@code trace8} are TRACE.
     *
     * @return the level, or {@link Level#NONE} for an unknown name
     */
    static Level parse(byte[] b, int s, int e) {
        int len = e - s;
        if (len < 3 || len > 13) {
            return Level.NONE;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].length == len && Bytes.equalsIgnoreCase(b, s, e, NAMES[i])) {
                return LEVELS[i];
            }
        }
        if (len == 6 && Bytes.equalsIgnoreCase(b, s, e - 1, TRACE) && b[e - 1] >= '1' && b[e - 1] <= '8') {
            return Level.TRACE;
        }
        return Level.NONE;
    }

    /** Syslog severity 0..7 to a level: emerg/alert/crit FATAL, err ERROR, warning WARN, notice/info INFO. */
    static Level ofSeverity(int severity) {
        return switch (severity) {
            case 0, 1, 2 -> Level.FATAL;
            case 3 -> Level.ERROR;
            case 4 -> Level.WARN;
            case 5, 6 -> Level.INFO;
            default -> Level.DEBUG;
        };
    }

    /**
     * Bunyan/pino numeric level to a level: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal; values in
     * between round down, values below 10 are TRACE and above 60 FATAL.
     */
    static Level ofNumber(long value) {
        if (value < 20) {
            return Level.TRACE;
        }
        if (value >= 60) {
            return Level.FATAL;
        }
        return BY_ORDINAL[(int) (value / 10) - 1];
    }
}
