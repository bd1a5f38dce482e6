package io.vigil.common.logging;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * The {@code log} section: {@code log.format} ({@code LOG_FORMAT}) and {@code log.level} ({@code LOG_LEVEL}).
 *
 * @param format json (default) or text
 * @param level  lowest level written, default info
 */
public record LogSettings(LogFormat format, LogLevel level) {
    /** JSON lines at INFO. */
    public static final LogSettings DEFAULTS = new LogSettings(LogFormat.JSON, LogLevel.INFO);

    /**
     * Reads and validates the {@code log} section.
     *
     * @param log the {@code log} configuration node
     * @return validated settings
     */
    public static LogSettings create(Config log) {
        return new LogSettings(ConfigValues.oneOf(log.get("format"), DEFAULTS.format()),
                               ConfigValues.oneOf(log.get("level"), DEFAULTS.level()));
    }
}
