package io.vigil.common.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.vigil.common.logging.LogContext;

/**
 * Answers the requests Helidon rejects before routing (malformed request line, headers too large, body
 * over the limit, ...) with a problem document instead of Helidon's default text/HTML body.
 *
 * <p>Helidon 4.1.2 rejects request headers over {@code max-headers-size} as a plain 400 whose message is
 * {@value #HEADERS_TOO_LARGE}; that case is answered with 431 (RFC 6585) so clients can tell it apart.
 *
 * <p>An {@link EventType#INTERNAL_ERROR} is answered with 400 and the connection closed: routing answers its own
 * failures ({@link ErrorHandling}), so what arrives here escaped Helidon's reading of the request head, which in
 * 4.1.2 throws on some malformed heads instead of rejecting them (a header name with non-ASCII bytes fails its
 * validation with an {@code IllegalArgumentException}). Helidon logs the cause at ERROR level.
 */
public final class ProblemDirectHandler implements DirectHandler {
    /** The message of Helidon's {@code Http1HeadersParser} when the headers exceed the configured size. */
    static final String HEADERS_TOO_LARGE = "Header size exceeded";
    private static final Status REQUEST_HEADER_FIELDS_TOO_LARGE_431 = Status.create(431, "Request Header Fields Too Large");
    private static final String SERVER_ERROR_DETAIL = "The server could not complete the request.";

    /**
     * Direct handlers for every event type, all rendering problem documents.
     *
     * @return handlers to set on the server's listener
     */
    public static DirectHandlers all() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        ProblemDirectHandler handler = new ProblemDirectHandler();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request,
                                    EventType eventType,
                                    Status status,
                                    ServerResponseHeaders headers,
                                    String message) {
        // Inside routing the filter's id is in the MDC (Helidon passes no request here for BadRequestException);
        // before routing, only the raw header is known.
        RequestId id = LogContext.get(LogContext.REQUEST_ID)
                .map(RequestId::new)
                .orElseGet(() -> RequestId.acceptOrGenerate(request.headers().first(RequestId.HEADER).orElse(null)));
        boolean unreadable = eventType == EventType.INTERNAL_ERROR;
        Problem problem = unreadable
                ? Problem.of(Status.BAD_REQUEST_400, "The request could not be read.")
                : problem(status, message);
        String path = request.path();
        byte[] body = ProblemWriter.toJson(problem, path == null || path.isEmpty() ? null : path, id.value());
        headers.set(HeaderNames.CONTENT_TYPE, ProblemWriter.PROBLEM_JSON.text());
        headers.set(RequestId.HEADER, id.value());
        headers.set(ProblemWriter.NO_STORE);
        return TransportResponse.builder()
                .status(Status.create(problem.status()))
                .headers(headers)
                .entity(body)
                .keepAlive(!unreadable && eventType.keepAlive())
                .build();
    }

    private static Problem problem(Status status, String message) {
        if (status.code() == Status.BAD_REQUEST_400.code() && HEADERS_TOO_LARGE.equals(message)) {
            return Problem.of(REQUEST_HEADER_FIELDS_TOO_LARGE_431, "The request headers are larger than this server accepts.");
        }
        String detail = status.code() >= 500 || message == null || message.isBlank()
                ? SERVER_ERROR_DETAIL
                : message;
        return Problem.of(status.code() < 400 ? Status.BAD_REQUEST_400 : status, detail);
    }
}
