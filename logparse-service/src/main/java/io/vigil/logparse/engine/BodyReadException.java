package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.Serial;

/**
 * The request body could not be read as HTTP framed it: the connection ended before the declared length, or the
 * chunked framing is broken. The sender's fault (a 400), never the service's.
 */
public final class BodyReadException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause what the server's body stream threw
     */
    public BodyReadException(RuntimeException cause) {
        super("the request body could not be read (" + (cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getMessage()) + ")", cause);
    }
}
