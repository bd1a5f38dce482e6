package io.vigil.common.http;

import java.io.Serial;

/**
 * Ends request handling with a specific problem document; thrown by handlers, rendered by
 * {@link ErrorHandling}. Carries no stack trace: it is an answer, not a fault.
 */
public final class ProblemException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem the document to send
     */
    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    /**
     * The document to send.
     *
     * @return problem
     */
    public Problem problem() {
        return problem;
    }
}
