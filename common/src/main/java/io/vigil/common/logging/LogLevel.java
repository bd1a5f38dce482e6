package io.vigil.common.logging;

import java.util.logging.Level;

/**
 * Log levels by the names operators use, each mapped to the java.util.logging level it enables.
 */
public enum LogLevel {
    /** Failures only. */
    ERROR(Level.SEVERE),
    /** Failures and warnings. */
    WARN(Level.WARNING),
    /** The normal level: start-up, shutdown, notable events. */
    INFO(Level.INFO),
    /** Diagnostic detail. */
    DEBUG(Level.FINE),
    /** Everything. */
    TRACE(Level.FINEST);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    /**
     * The java.util.logging level this name enables.
     *
     * @return JUL level
     */
    public Level julLevel() {
        return julLevel;
    }

    /**
     * The operator's name for a java.util.logging level, as written in log lines.
     *
     * @param level JUL level of a record
     * @return {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
     */
    public static String nameOf(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return ERROR.name();
        }
        if (value >= Level.WARNING.intValue()) {
            return WARN.name();
        }
        if (value >= Level.INFO.intValue()) {
            return INFO.name();
        }
        return value >= Level.FINE.intValue() ? DEBUG.name() : TRACE.name();
    }
}
