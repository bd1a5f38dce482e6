package io.vigil.gateway.proxy;

import java.lang.System.Logger.Level;

import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.RetryTimeoutException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.http.ConnectionAbort;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.ProblemWriter;
import io.vigil.gateway.config.LimitSettings;

/**
 * Turns what went wrong on a route into what the client gets, and counts it: a problem document naming the upstream
 * (502, 503 with {@code Retry-After}, 504; 408 or 413 for the client's own body), or a closed connection when the
 * response had already started. The one place where failures meet problem+json and metrics.
 */
final class FailureResponses {
    private static final System.Logger LOGGER = System.getLogger(FailureResponses.class.getName());

    private final UpstreamProblems problems;
    private final UpstreamMetrics metrics;
    private final LimitSettings limits;
    private final long maxBodySize;

    FailureResponses(UpstreamProblems problems, UpstreamMetrics metrics, LimitSettings limits, long maxBodySize) {
        this.problems = problems;
        this.metrics = metrics;
        this.limits = limits;
        this.maxBodySize = maxBodySize;
    }

    /**
     * The detail of a request that ran out of time.
     *
     * @return the detail of the 504 problem
     */
    String deadlineDetail() {
        return problems.deadline().detail();
    }

    /**
     * The problem for a body that is larger than the route accepts.
     *
     * @return a 413 problem
     */
    ProblemException tooLarge() {
        metrics.outcome("client-failed");
        return new ProblemException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE_413, "The request body is larger than "
                + "the gateway accepts (" + maxBodySize + " bytes)"));
    }

    /**
     * Turns a failed exchange into the exception that answers the client. When part of the request body was
     * left unread, the answer is written here and the connection closed, since the rest of the body will not
     * be read.
     *
     * @param exchange the exchange
     * @param request  the client's request
     * @param response the client's response
     * @param e        what went wrong
     * @return the exception for Helidon's error handling
     */
    RuntimeException failed(Exchange exchange, ServerRequest request, ServerResponse response, RuntimeException e) {
        Thread.interrupted();
        RuntimeException answer = answer(exchange, e instanceof RetryTimeoutException
                && e.getCause() instanceof RuntimeException cause ? cause : e);
        if (answer instanceof ProblemException problem && exchange.bodyPending()) {
            exchange.stopPump(BodyPump.GRACE_MILLIS);
            if (!response.isSent()) {
                problem.headers().forEach(response::header);
                response.header(HeaderValues.CONNECTION_CLOSE);
                ProblemWriter.send(request, response, problem.problem());
            }
            if (!(e instanceof ClientFailure)) {
                // The client is still sending a body that can go nowhere: the pump drains it, so the client reads this.
                exchange.awaitDrained(BodyPump.DRAIN_MILLIS);
            }
            return ConnectionAbort.abort(request, "the request body was not consumed", e);
        }
        if (answer instanceof CloseConnectionException) {
            return ConnectionAbort.abort(request, answer.getMessage(), e);
        }
        return answer;
    }

    private RuntimeException answer(Exchange exchange, RuntimeException failure) {
        return switch (failure) {
            case CloseConnectionException close -> close;
            case ClientFailure client -> clientFailed(client);
            case CircuitBreakerOpenException open -> rejected("circuit-open", problems.circuitOpen(), true);
            case BulkheadException full when exchange.abort() == Exchange.Abort.DEADLINE -> timedOut(problems.deadline());
            case BulkheadException full -> rejected("bulkhead-full", problems.busy(), false);
            case UpstreamFailure upstream -> upstreamFailed(upstream);
            default -> failure;
        };
    }

    private RuntimeException rejected(String outcome, Problem problem, boolean circuitOpen) {
        metrics.outcome(outcome);
        return new ProblemException(problem, HeaderValues.create(HeaderNames.RETRY_AFTER,
                                                                 problems.retryAfterSeconds(circuitOpen)));
    }

    private RuntimeException timedOut(Problem problem) {
        metrics.outcome("timeout");
        LOGGER.log(Level.WARNING, problem.detail());
        return new ProblemException(problem);
    }

    private RuntimeException upstreamFailed(UpstreamFailure failure) {
        metrics.outcome(switch (failure.kind()) {
            case TIMEOUT -> "timeout";
            case UNREACHABLE -> "unreachable";
            case BROKEN, ANSWERED -> "broken";
        });
        LOGGER.log(Level.WARNING, failure.getMessage());
        if (failure.kind() == UpstreamFailure.Kind.TIMEOUT) {
            return new ProblemException(problems.of(failure));
        }
        // Refused or broken connections are what a restarting upstream looks like: worth trying again shortly.
        return new ProblemException(problems.of(failure), HeaderValues.create(HeaderNames.RETRY_AFTER, 1));
    }

    /** The client's body failed: 408 or 413 when the client can still hear it; otherwise just close. */
    private RuntimeException clientFailed(ClientFailure failure) {
        if (failure.abort() == Exchange.Abort.BODY_TIMEOUT) {
            metrics.outcome("client-failed");
            return new ProblemException(problems.bodyTimeout(limits.bodyReadTimeout()));
        }
        if (failure.getCause() instanceof RequestException rejected
                && rejected.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return tooLarge();
        }
        metrics.outcome("client-failed");
        return new CloseConnectionException("the client's request body failed: " + failure.getMessage(), failure);
    }
}
