package io.vigil.gateway.proxy;

import java.io.Serial;

/**
 * An exchange that failed on the client's side: its request body was too large, too slow, or cut off. Not the
 * upstream's fault, so the circuit breaker does not count it.
 */
final class ClientFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Exchange.Abort abort;

    ClientFailure(RuntimeException cause, Exchange.Abort abort) {
        super(cause == null ? String.valueOf(abort) : cause.getMessage(), cause, false, false);
        this.abort = abort;
    }

    /**
     * Why the watchdog ended the exchange, if it did.
     *
     * @return {@link Exchange.Abort#BODY_TIMEOUT}, or {@code null} when the client's body failed otherwise
     */
    Exchange.Abort abort() {
        return abort;
    }
}
