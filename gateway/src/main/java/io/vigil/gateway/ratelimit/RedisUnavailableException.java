package io.vigil.gateway.ratelimit;

import java.io.Serial;

/**
 * Redis did not decide a request: not connected, slower than {@code gateway.rate-limit.redis.timeout}, or an error.
 * Thrown on every such request while Redis is away, so it carries no stack trace.
 */
final class RedisUnavailableException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why Redis did not decide, as the {@code reason} tag of the fallback metric. */
    enum Reason {
        /** No connection to Redis (never made, or lost and being re-established in the background). */
        DISCONNECTED("disconnected"),
        /** No answer within the timeout. */
        TIMEOUT("timeout"),
        /** Redis answered with an error, or the connection failed during the call. */
        ERROR("error"),
        /** Recent calls failed: Redis is not asked until a trial call succeeds. */
        CIRCUIT_OPEN("circuit-open");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    private final Reason reason;

    RedisUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
