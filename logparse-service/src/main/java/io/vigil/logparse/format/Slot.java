package io.vigil.logparse.format;

/**
 * What a variable of a custom format becomes in a {@link ParsedLine}: a normalised field, a number, the timestamp,
 * the duration, or a named extra.
 */
enum Slot {
    /** The client address ({@code $remote_addr}, {@code %h}, {@code %a}). */
    CLIENT,
    /** Common Log Format time {@code dd/MMM/yyyy:HH:mm:ss +hhmm} ({@code $time_local}, inside {@code %t}). */
    TIME_CLF,
    /** ISO 8601 time ({@code $time_iso8601}). */
    TIME_ISO,
    /** Epoch seconds with an optional fraction ({@code $msec}, {@code %{sec}t}). */
    TIME_EPOCH_SECONDS,
    /** Epoch milliseconds ({@code %{msec}t}). */
    TIME_EPOCH_MILLIS,
    /** Epoch microseconds ({@code %{usec}t}). */
    TIME_EPOCH_MICROS,
    /** The request line, split into method, path, query and protocol ({@code $request}, {@code %r}). */
    REQUEST,
    /** The method ({@code $request_method}, {@code %m}). */
    METHOD,
    /** Path and query ({@code $request_uri}). */
    TARGET,
    /** Path only ({@code $uri}, {@code %U}). */
    PATH,
    /** Query string, a leading {@code ?} dropped ({@code $args}, {@code %q}). */
    QUERY,
    /** Protocol ({@code $server_protocol}, {@code %H}). */
    PROTOCOL,
    /** HTTP status ({@code $status}, {@code %>s}). */
    STATUS,
    /** Response body size, {@code -} for none ({@code $body_bytes_sent}, {@code %b}, {@code %B}). */
    BYTES,
    /** Referer ({@code $http_referer}, {@code %{Referer}i}). */
    REFERER,
    /** User agent ({@code $http_user_agent}, {@code %{User-agent}i}). */
    USER_AGENT,
    /** Host ({@code $host}, {@code %v}). */
    HOST,
    /** Process id ({@code $pid}, {@code %P}). */
    PID,
    /** Duration in seconds with an optional fraction ({@code $request_time}, {@code %T}). */
    DURATION_SECONDS,
    /** Duration in milliseconds ({@code %{ms}T}). */
    DURATION_MILLIS,
    /** Duration in microseconds ({@code %D}, {@code %{us}T}). */
    DURATION_MICROS,
    /** A named extra; {@code -} or empty is none. */
    EXTRA
}
