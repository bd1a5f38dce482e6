package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.Serial;

/**
 * The input is larger than a configured limit (request body, or the body once inflated).
 */
public final class InputTooLargeException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was passed, e.g. "request body exceeds 1073741824 bytes"
     */
    public InputTooLargeException(String message) {
        super(message);
    }
}
