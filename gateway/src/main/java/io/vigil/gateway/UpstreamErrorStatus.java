package io.vigil.gateway;

import java.io.Serial;

/**
 * An upstream that answered 502, 503 or 504: a sign it is unwell, so the circuit breaker counts it as a
 * failure; the answer itself is still relayed to the client unchanged.
 */
final class UpstreamErrorStatus extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient UpstreamResponse response;

    UpstreamErrorStatus(UpstreamResponse response) {
        super("upstream answered " + response.head().status(), null, false, false);
        this.response = response;
    }

    /**
     * The response to relay.
     *
     * @return the upstream's response, body not yet read
     */
    UpstreamResponse response() {
        return response;
    }
}
