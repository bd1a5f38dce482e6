package io.vigil.common.config;

import java.io.Serial;

/**
 * A configuration value that cannot be used. Its message is one line naming the key, the value and
 * what was expected, e.g. {@code server.port = "abc" (expected: an integer 0..65535)}.
 */
public final class InvalidConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key      configuration key, dotted ({@code server.port})
     * @param value    the offending value as configured
     * @param expected what a valid value looks like
     */
    public InvalidConfigException(String key, String value, String expected) {
        super("invalid configuration: " + key + " = \"" + value + "\" (expected: " + expected + ")");
        this.key = key;
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
