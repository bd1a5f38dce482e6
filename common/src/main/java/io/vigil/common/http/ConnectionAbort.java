package io.vigil.common.http;

import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * Closes a client's connection without completing its response, for a handler that cannot finish one it has
 * started (an upstream that broke off mid-body): the client then sees a truncated response fail instead of a
 * short one that looks complete.
 *
 * <p>A handler's {@link CloseConnectionException} alone does not do this in Helidon 4.1.2: the metrics
 * feature's filter catches every exception of the routing inside it, after which Helidon completes the response
 * normally (for a chunked body, with the terminating chunk) and keeps the connection open. So the handler marks
 * the request with {@link #abort}, and this filter, registered outside all others by {@link StandardRouting},
 * throws again where nothing catches it.
 */
public final class ConnectionAbort implements Filter {
    /** The marker in the request context. */
    private record Marker(String reason) {
    }

    /**
     * Marks the request's connection for closing and returns the exception the handler should throw.
     *
     * @param request the request being handled
     * @param reason  why, for the log
     * @param cause   the failure behind it, or {@code null}
     * @return the exception to throw
     */
    public static CloseConnectionException abort(ServerRequest request, String reason, Throwable cause) {
        request.context().register(new Marker(reason));
        return new CloseConnectionException(reason, cause);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        chain.proceed();
        request.context().get(Marker.class).ifPresent(marker -> {
            throw new CloseConnectionException(marker.reason());
        });
    }
}
