package io.vigil.health.probe;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * The HTTP status codes an http check accepts, such as {@code 200-299} or {@code 204}.
 *
 * @param min lowest accepted status
 * @param max highest accepted status
 */
record StatusRange(int min, int max) {
    /** What {@code expect-status} defaults to: any 2xx. */
    static final StatusRange SUCCESS = new StatusRange(200, 299);

    /**
     * Creates a range.
     */
    StatusRange {
        if (min < 100 || max > 599 || min > max) {
            throw new IllegalArgumentException("status range: " + min + "-" + max + " (expected: 100 <= min <= max <= 599)");
        }
    }

    /**
     * Reads {@code expect-status}.
     *
     * @param node configuration node
     * @return the range, {@link #SUCCESS} when the key is missing
     */
    static StatusRange create(Config node) {
        return ConfigValues.oneOf(node, SUCCESS, StatusRange::parse, "a status or a range of statuses 100..599, such as 200-299");
    }

    /**
     * Parses {@code 200-299} or {@code 204}.
     *
     * @param text the range
     * @return the range
     * @throws IllegalArgumentException (or {@link NumberFormatException}) when the text is no range
     */
    static StatusRange parse(String text) {
        String trimmed = text.trim();
        int dash = trimmed.indexOf('-');
        if (dash < 0) {
            int status = Integer.parseInt(trimmed);
            return new StatusRange(status, status);
        }
        return new StatusRange(Integer.parseInt(trimmed.substring(0, dash).trim()),
                               Integer.parseInt(trimmed.substring(dash + 1).trim()));
    }

    /**
     * Whether a status is in the range.
     *
     * @param status HTTP status code
     * @return {@code true} when accepted
     */
    boolean contains(int status) {
        return status >= min && status <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
