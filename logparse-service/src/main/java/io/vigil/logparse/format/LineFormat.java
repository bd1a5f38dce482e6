package io.vigil.logparse.format;

/**
 * One log format: a name, a description, a sample, and a byte-level parser for one line.
 *
 * <p>Implementations are immutable and thread-safe; all per-line state lives in the {@link ParsedLine} passed in.
 * A line is given without its line terminator ({@code \n} or {@code \r\n}); the caller that splits lines enforces
 * {@link #DEFAULT_MAX_LINE_BYTES} (or the configured limit) and reports {@link Reasons#LINE_TOO_LONG} itself.
 */
public interface LineFormat {
    /** Default longest line in bytes; longer lines are malformed ({@link Reasons#LINE_TOO_LONG}). */
    int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    /**
     * Name used in {@code format=} and in responses, e.g. {@code combined}.
     *
     * @return the name
     */
    String name();

    /**
     * One sentence for humans.
     *
     * @return the description
     */
    String description();

    /**
     * A real line in this format.
     *
     * @return a sample line
     */
    String sample();

    /**
     * Parses one line into {@code out}, which is reset first. Never throws, whatever the bytes.
     *
     * @param buf   bytes holding the line
     * @param start first byte of the line
     * @param end   end of the line, exclusive, without its terminator
     * @param out   receives the fields, or the reason when the line is malformed
     * @return {@code true} when the line parsed; {@code false} with {@link ParsedLine#error()} set otherwise
     */
    boolean parse(byte[] buf, int start, int end, ParsedLine out);

    /**
     * Whether the line belongs to the record above it rather than starting one: a stack-trace line, a Python
     * traceback line and the like. The caller asks this before {@link #parse}; a line for which this is
     * {@code true} is never one that {@link #parse} would accept as a record of its own.
     *
     * @param buf   bytes holding the line
     * @param start first byte of the line
     * @param end   end of the line, exclusive
     * @return {@code true} to fold the line into the previous record; by default never
     */
    default boolean continuesRecord(byte[] buf, int start, int end) {
        return false;
    }

    /**
     * The format to read a log whose first lines are {@code [start, end)} with: this one, or for a format that has
     * layouts ({@code text}), the same format with the layout those lines use. Called once per log, by detection or
     * for a format given by name, never per line.
     *
     * @param buf   bytes
     * @param start first byte of the first line
     * @param end   end of the sample, exclusive, at a line end
     * @return the format to parse every line of the log with; by default this one
     */
    default LineFormat forLines(byte[] buf, int start, int end) {
        return this;
    }
}
