package io.vigil.gateway.proxy;


import io.helidon.webserver.http.ServerRequest;
import io.vigil.common.accesslog.AccessLogFields;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.endpoint.EndpointMetrics;

/**
 * What forwarding adds to the request's access log line: the route's prefix, the upstream, the endpoint of the last
 * attempt, how many attempts were made, and that endpoint's circuit state after its call ({@code closed},
 * {@code half-open}, {@code open}: an open one refused the call).
 */
final class ExchangeLog {
    /** The matched route's prefix. */
    static final String ROUTE = "vigil.route";
    /** The upstream's name. */
    static final String UPSTREAM = "vigil.upstream";
    /** The last attempt's endpoint, {@code host:port}. */
    static final String ENDPOINT = "vigil.endpoint";
    /** Attempts made, the first included. */
    static final String ATTEMPTS = "vigil.attempts";
    /** The last attempt's circuit state after its call. */
    static final String CIRCUIT = "vigil.circuit";

    private ExchangeLog() {
    }

    static void route(ServerRequest request, Route route) {
        AccessLogFields.of(request).put(ROUTE, route.settings().prefix()).put(UPSTREAM, route.upstream().settings().name());
    }

    static void attempt(ServerRequest request, Endpoint endpoint, int attempt) {
        AccessLogFields.of(request).put(ENDPOINT, endpoint.address().authority()).put(ATTEMPTS, attempt);
    }

    static void circuit(ServerRequest request, Endpoint endpoint) {
        AccessLogFields.of(request).put(CIRCUIT, EndpointMetrics.stateText(endpoint.breaker().state()));
    }
}
