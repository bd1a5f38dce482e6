package io.vigil.logparse.format;

/**
 * Reasons a line is malformed, as reported in {@code malformedSamples} and in {@code /v1/parse} error records.
 *
 * <p>They are constants so that a malformed line costs no allocation and the same reason is counted once.
 */
public final class Reasons {
    /** The line is longer than the configured limit; decided by the code that splits lines. */
    public static final String LINE_TOO_LONG = "line too long";
    /** A quoted field has no closing quote. */
    public static final String UNTERMINATED_QUOTE = "unterminated quoted field";
    /** The line ends before all mandatory fields were read. */
    public static final String TRUNCATED = "truncated line";
    /** A timestamp is missing, malformed or names an impossible date or time. */
    public static final String BAD_TIMESTAMP = "invalid timestamp";
    /** A numeric field has non-digit characters or is empty. */
    public static final String BAD_NUMBER = "invalid number";
    /** A numeric field does not fit its type. */
    public static final String NUMBER_OUT_OF_RANGE = "number out of range";
    /** The line has bytes after the last field of a format without trailing fields. */
    public static final String TRAILING_DATA = "unexpected data after last field";
    /** A fixed part of the format (a bracket, a separator, a keyword) is not where it must be. */
    public static final String BAD_SYNTAX = "does not match the format";
    /** A level or severity field has an unknown value. */
    public static final String BAD_LEVEL = "unknown level";
    /** The {@code <PRI>} part of a syslog line is malformed or above 191. */
    public static final String BAD_PRIORITY = "invalid syslog priority";
    /** A JSON line is not one well-formed JSON object. */
    public static final String BAD_JSON = "invalid JSON object";
    /** A logfmt line has no {@code key=value} pair or a pair with an empty key. */
    public static final String BAD_LOGFMT = "no key=value pairs";

    private Reasons() {
    }
}
