package io.vigil.gateway.endpoint;

import java.io.Serial;

/**
 * A failed call that speaks against the endpoint that made it: no answer in time, a refused or broken connection, or a
 * 502/503/504 answer. Its circuit breaker counts these, and so does outlier ejection; a failure on the client's side
 * or a good answer (of any status) is not one.
 */
public class EndpointFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates a failure.
     *
     * @param message what went wrong
     * @param cause   the underlying exception, or {@code null}
     */
    protected EndpointFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
