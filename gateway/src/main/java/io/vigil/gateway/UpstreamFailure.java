package io.vigil.gateway;

import java.io.Serial;

/**
 * An upstream exchange that failed before a response head arrived; counted by the circuit breaker. The
 * {@link Retryable} subtype marks failures of requests that may safely be sent again.
 */
class UpstreamFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Kind {
        /** Connection refused, host unknown, no route: 502. */
        UNREACHABLE,
        /** Connection reset or closed, or a response that is not HTTP: 502. */
        BROKEN,
        /** No answer within the read timeout, the connect timeout or the deadline: 504. */
        TIMEOUT
    }

    private final Kind kind;

    UpstreamFailure(Kind kind, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
    }

    /**
     * What went wrong.
     *
     * @return the kind
     */
    Kind kind() {
        return kind;
    }

    /**
     * A failure of a bodiless idempotent request: the retry policy may send it again.
     */
    static final class Retryable extends UpstreamFailure {
        @Serial
        private static final long serialVersionUID = 1L;

        Retryable(Kind kind, String detail, Throwable cause) {
            super(kind, detail, cause);
        }
    }
}
