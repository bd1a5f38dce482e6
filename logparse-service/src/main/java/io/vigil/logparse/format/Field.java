package io.vigil.logparse.format;

/**
 * The normalised text fields of a record, as {@link ParsedLine} holds them and {@code /v1/parse} names them.
 * Numbers (status, bytes, duration), the timestamp and the level are not text and have accessors of their own.
 */
public enum Field {
    /** Client address (HTTP formats, nginx and Apache error logs). */
    CLIENT("client"),
    /** HTTP method. */
    METHOD("method"),
    /** Request path without the query string. */
    PATH("path"),
    /** Query string without its {@code ?}. */
    QUERY("query"),
    /** Request protocol, e.g. {@code HTTP/1.1}. */
    PROTOCOL("protocol"),
    /** Referer header. */
    REFERER("referer"),
    /** User-Agent header. */
    USER_AGENT("userAgent"),
    /** Host that wrote the line (syslog hostname, JSON host) or the requested host (nginx error log). */
    HOST("host"),
    /** Application or program name (syslog tag, RFC 5424 APP-NAME, JSON service name). */
    APP("app"),
    /** Process id, as text (RFC 5424 PROCID need not be numeric). */
    PID("pid"),
    /** Free-text message. */
    MSG("msg");

    private final String jsonName;

    Field(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * The field's name in {@code /v1/parse} records.
     *
     * @return the name, e.g. {@code userAgent}
     */
    public String jsonName() {
        return jsonName;
    }
}
