package io.vigil.logparse.engine;

/**
 * A line of the input that could not be parsed.
 *
 * @param line   1-based line number
 * @param reason why it could not be parsed
 * @param text   its first 200 bytes
 */
public record MalformedLine(long line, String reason, String text) {
}
