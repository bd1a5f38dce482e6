package io.vigil.gateway.proxy;


import io.helidon.webserver.http.ServerRequest;
import io.vigil.common.accesslog.AccessLogFields;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.endpoint.EndpointMetrics;

/**
 * What forwarding adds to the request's access log line: the route's prefix, the upstream, the endpoint of the last
 * attempt, how many attempts were made, and that endpoint's circuit state after its call ({@code closed},
 * {@code half-open}, {@code open}: an open one refused the call). One per request: the request's fields are looked up
 * in its context once (a lookup that misses, as it does with the access log off, walks up to the server's shared
 * context and its lock).
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

    private final AccessLogFields fields;

    ExchangeLog(ServerRequest request) {
        this.fields = AccessLogFields.of(request);
    }

    void route(Route route) {
        fields.put(ROUTE, route.settings().prefix()).put(UPSTREAM, route.upstream().settings().name());
    }

    void attempt(Endpoint endpoint, int attempt) {
        fields.put(ENDPOINT, endpoint.address().authority()).put(ATTEMPTS, attempt);
    }

    void circuit(Endpoint endpoint) {
        fields.put(CIRCUIT, EndpointMetrics.stateText(endpoint.breaker().state()));
    }
}
