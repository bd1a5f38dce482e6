package io.vigil.logparse.format;

/**
 * A custom format string (an nginx {@code log_format} or an Apache {@code LogFormat}) that cannot be compiled, with
 * the position of the fault.
 */
public final class FormatSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Position of the fault, counted from 1 in the format string (without its {@code nginx:} or {@code apache:}). */
    private final int position;

    FormatSyntaxException(String syntax, int position, String message) {
        super(syntax + ", position " + position + ": " + message);
        this.position = position;
    }

    /**
     * Where the fault is.
     *
     * @return the position, counted from 1 in the format string
     */
    public int position() {
        return position;
    }
}
