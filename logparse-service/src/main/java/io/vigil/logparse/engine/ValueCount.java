package io.vigil.logparse.engine;

/**
 * A field value with how often it occurred.
 *
 * @param value the field value
 * @param count occurrences (an estimate when the analysis is not exact)
 */
public record ValueCount(String value, long count) {
}
