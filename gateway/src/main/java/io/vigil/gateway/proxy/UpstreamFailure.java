package io.vigil.gateway.proxy;

import java.io.Serial;

import io.vigil.gateway.endpoint.EndpointFailure;

/**
 * An attempt at an upstream that got no usable answer: counted by the endpoint's circuit breaker and outlier
 * ejection. The {@link Retryable} subtype marks failures the retry policy may send again (to another endpoint when
 * there is one). A 502, 503 or 504 answer is such a failure too, and is relayed unchanged when no retry replaces it.
 */
class UpstreamFailure extends EndpointFailure {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Kind {
        /** Connection refused, host unknown, no route, no endpoint: 502. */
        UNREACHABLE,
        /** Connection reset or closed, or a response that is not HTTP: 502. */
        BROKEN,
        /** No answer within the read timeout, the connect timeout or the deadline: 504. */
        TIMEOUT,
        /** The upstream answered 502, 503 or 504: its answer is relayed. */
        ANSWERED
    }

    private final Kind kind;
    private final transient UpstreamResponse response;

    UpstreamFailure(Kind kind, String detail, Throwable cause) {
        this(kind, detail, cause, null);
    }

    private UpstreamFailure(Kind kind, String detail, Throwable cause, UpstreamResponse response) {
        super(detail, cause);
        this.kind = kind;
        this.response = response;
    }

    /**
     * A failure, retryable or not.
     *
     * @param kind      what went wrong
     * @param detail    the problem's detail
     * @param cause     the underlying exception, or {@code null}
     * @param retryable whether the request may be sent again
     * @return the failure
     */
    static UpstreamFailure of(Kind kind, String detail, Throwable cause, boolean retryable) {
        return retryable ? new Retryable(kind, detail, cause, null) : new UpstreamFailure(kind, detail, cause, null);
    }

    /**
     * An answer that says the upstream is unwell (502, 503, 504).
     *
     * @param response  the answer, body not read yet
     * @param retryable whether another endpoint may be asked instead
     * @return the failure
     */
    static UpstreamFailure answered(UpstreamResponse response, boolean retryable) {
        String detail = "upstream answered " + response.head().status();
        return retryable ? new Retryable(Kind.ANSWERED, detail, null, response)
                : new UpstreamFailure(Kind.ANSWERED, detail, null, response);
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
     * The upstream's own answer, for {@link Kind#ANSWERED}.
     *
     * @return the answer, or {@code null}
     */
    UpstreamResponse response() {
        return response;
    }

    /**
     * A failure of a request that may be sent again.
     */
    static final class Retryable extends UpstreamFailure {
        @Serial
        private static final long serialVersionUID = 1L;

        private Retryable(Kind kind, String detail, Throwable cause, UpstreamResponse response) {
            super(kind, detail, cause, response);
        }
    }
}
