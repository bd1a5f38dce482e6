package io.vigil.common.http;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HttpException;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.logging.LogContext;

/**
 * Registers the error handlers every service uses, so that any failure inside routing becomes a problem
 * document: an unknown route a 404, a {@link ProblemException} its own problem, Helidon's HTTP exceptions
 * their status, and anything else a 500 whose stack trace goes to the log, never to the client.
 */
public final class ErrorHandling {
    private static final System.Logger LOGGER = System.getLogger(ErrorHandling.class.getName());
    private static final String SERVER_ERROR_DETAIL =
            "The server could not complete the request; quote the requestId when reporting it.";

    private ErrorHandling() {
    }

    /**
     * Adds the error handlers to a routing.
     *
     * @param routing routing under construction
     */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, ErrorHandling::problem)
                .error(NotFoundException.class, ErrorHandling::notFound)
                .error(HttpException.class, ErrorHandling::httpException)
                .error(Throwable.class, ErrorHandling::unexpected);
    }

    private static void problem(ServerRequest req, ServerResponse res, ProblemException e) {
        e.headers().forEach(res::header);
        ProblemWriter.send(req, res, e.problem());
    }

    private static void notFound(ServerRequest req, ServerResponse res, NotFoundException e) {
        ProblemWriter.send(req, res, Problem.of(Status.NOT_FOUND_404,
                "No resource at " + req.prologue().method().text() + " " + req.path().rawPath()));
    }

    private static void httpException(ServerRequest req, ServerResponse res, HttpException e) {
        if (e.status().code() < 400) {
            unexpected(req, res, e);
            return;
        }
        e.headers().forEach(res::header);
        if (e.status().code() >= 500) {
            logFailure(req, e);
            ProblemWriter.send(req, res, Problem.of(e.status(), SERVER_ERROR_DETAIL));
            return;
        }
        ProblemWriter.send(req, res, Problem.of(e.status(), e.getMessage()));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        logFailure(req, e);
        ProblemWriter.send(req, res, Problem.of(Status.INTERNAL_SERVER_ERROR_500, SERVER_ERROR_DETAIL));
    }

    /**
     * Logs a failure with the request's id and trace: error handlers run after the filters that put them in the
     * MDC have returned, so they are set again for this one line.
     */
    private static void logFailure(ServerRequest req, Throwable e) {
        List<String> added = new ArrayList<>(3);
        mdc(added, LogContext.REQUEST_ID, Optional.of(RequestId.of(req).value()));
        Optional<SpanContext> span = req.context().get(Span.class).map(Span::context);
        mdc(added, LogContext.TRACE_ID, span.map(SpanContext::traceId));
        mdc(added, LogContext.SPAN_ID, span.map(SpanContext::spanId));
        try {
            LOGGER.log(Level.ERROR, failure(req), e);
        } finally {
            added.forEach(HelidonMdc::remove);
        }
    }

    private static void mdc(List<String> added, String key, Optional<String> value) {
        if (value.isPresent() && LogContext.get(key).isEmpty()) {
            HelidonMdc.set(key, value.get());
            added.add(key);
        }
    }

    private static String failure(ServerRequest req) {
        return "Unhandled failure of " + req.prologue().method().text() + " " + req.path().rawPath();
    }
}
