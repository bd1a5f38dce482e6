package io.vigil.common.logging;

import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Installs Vigil's logging for the whole process: one handler on stdout (flushed per record), with the
 * JSON or text formatter, at the configured level. Replaces whatever handlers were installed before.
 */
public final class Logging {
    private Logging() {
    }

    /**
     * Configures the root logger.
     *
     * @param settings format and level
     */
    public static void configure(LogSettings settings) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.addHandler(new StdoutHandler(formatter(settings.format())));
        root.setLevel(settings.level().julLevel());
    }

    static Formatter formatter(LogFormat format) {
        return switch (format) {
            case JSON -> new JsonLogFormatter();
            case TEXT -> new TextLogFormatter();
        };
    }

    /** Writes every record to stdout at once, so lines are never held back in a buffer. */
    private static final class StdoutHandler extends StreamHandler {
        StdoutHandler(Formatter formatter) {
            super(System.out, formatter);
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }
    }
}
