package io.vigil.common.config;

import java.io.Serial;

/**
 * A configuration value that cannot be used. Its message is one line naming the key, the value and
 * what was expected, e.g. {@code server.port = "abc" (expected: an integer 0..65535)}.
 */
public final class InvalidConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "invalid configuration: ";

    private final String key;
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param key      configuration key, dotted ({@code server.port})
     * @param value    the offending value as configured
     * @param expected what a valid value looks like
     */
    public InvalidConfigException(String key, String value, String expected) {
        this(key, key + " = \"" + value + "\" (expected: " + expected + ")");
    }

    private InvalidConfigException(String key, String detail) {
        super(PREFIX + detail);
        this.key = key;
        this.detail = detail;
    }

    /**
     * The same error, saying which entry of a list it is about, e.g. {@code in("check \"gateway\"")} gives
     * {@code invalid configuration: check "gateway": health.checks.1.url = "" (expected: ...)}.
     *
     * @param context names the entry, such as {@code check "gateway"}
     * @return a new exception for the same key
     */
    public InvalidConfigException in(String context) {
        return new InvalidConfigException(key, context + ": " + detail);
    }

    /**
     * The key whose value is invalid.
     *
     * @return dotted configuration key
     */
    public String key() {
        return key;
    }
}
