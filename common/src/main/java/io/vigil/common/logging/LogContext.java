package io.vigil.common.logging;

import java.util.Optional;

import io.helidon.logging.common.HelidonMdc;

/**
 * Names of the per-request values every log line carries, kept in Helidon's MDC so they follow the
 * request across Helidon's executors.
 */
public final class LogContext {
    /** MDC key of the request id. */
    public static final String REQUEST_ID = "requestId";
    /** MDC key of the trace id, when tracing is on. */
    public static final String TRACE_ID = "traceId";
    /** MDC key of the span id, when tracing is on. */
    public static final String SPAN_ID = "spanId";
    /** MDC key of the id of the API key that authenticated the request (never the key itself). */
    public static final String KEY_ID = "keyId";

    private LogContext() {
    }

    /**
     * The value of an MDC key on the current thread.
     *
     * @param key one of the keys above
     * @return the value, if set
     */
    public static Optional<String> get(String key) {
        return HelidonMdc.get(key);
    }
}
