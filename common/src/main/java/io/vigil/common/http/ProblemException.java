package io.vigil.common.http;

import java.io.Serial;
import java.util.List;

import io.helidon.http.Header;

/**
 * Ends request handling with a specific problem document, and any headers that go with it (such as
 * {@code Retry-After}); thrown by handlers, rendered by {@link ErrorHandling}. Carries no stack trace: it is an
 * answer, not a fault. (Headers must travel with the exception: Helidon clears the response's headers before an
 * error handler runs.)
 */
public final class ProblemException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient List<Header> headers;

    /**
     * Creates the exception.
     *
     * @param problem the document to send
     * @param headers headers to send with it
     */
    public ProblemException(Problem problem, Header... headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = List.of(headers);
    }

    /**
     * The document to send.
     *
     * @return problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * The headers to send with the problem.
     *
     * @return headers, possibly none
     */
    public List<Header> headers() {
        return headers;
    }
}
