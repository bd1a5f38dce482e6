package io.vigil.logparse.engine;

import java.io.Serial;

/**
 * A filter value that {@link Filters} cannot use, naming the parameter, the value and what it accepts.
 */
public final class InvalidFilterException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * Creates the exception.
     *
     * @param parameter the parameter, e.g. {@code status}
     * @param value     the value given
     * @param expected  what the parameter accepts
     */
    public InvalidFilterException(String parameter, String value, String expected) {
        super(parameter + ": " + value + " (expected: " + expected + ")");
        this.parameter = parameter;
    }

    /**
     * The parameter whose value is wrong.
     *
     * @return its name, one of {@link Filters#PARAMETERS}
     */
    public String parameter() {
        return parameter;
    }
}
