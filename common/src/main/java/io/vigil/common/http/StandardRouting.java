package io.vigil.common.http;

import io.helidon.webserver.http.HttpRouting;

/**
 * What every Vigil routing has before its own routes: the connection-abort filter (outermost), the request-id
 * filter, the Content-Length check and the problem+json error handlers. Tests apply it too, so that a
 * {@code @RoutingTest} sees what the real server does.
 */
public final class StandardRouting {
    private StandardRouting() {
    }

    /**
     * Adds the connection-abort, request-id and Content-Length filters and the error handlers.
     *
     * @param routing routing under construction
     * @return the same routing
     */
    public static HttpRouting.Builder apply(HttpRouting.Builder routing) {
        routing.addFilter(new ConnectionAbort())
                .addFilter(new RequestIdFilter())
                .addFilter(new ContentLengthFilter());
        ErrorHandling.register(routing);
        return routing;
    }
}
