package io.vigil.logparse.engine;

import java.io.IOException;
import java.io.Serial;
import java.time.Duration;

/**
 * An analysis took longer than the configured deadline and was abandoned.
 */
public final class AnalysisDeadlineException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param deadline the deadline that passed
     */
    public AnalysisDeadlineException(Duration deadline) {
        super("analysis did not finish within " + deadline);
    }
}
