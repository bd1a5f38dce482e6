package io.vigil.common.logging;

/**
 * How log records are written to stdout.
 */
public enum LogFormat {
    /** One JSON object per line, for log collectors. */
    JSON,
    /** One readable line per record, for humans at a terminal. */
    TEXT
}
