package io.vigil.gateway.traffic;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.gateway.auth.Caller;

/**
 * Measures every request on {@code /api/*}: registered before access control and rate limits, so that their 401s
 * and 429s count too, it notes when the request came and records, once its response has been sent, the duration
 * with the route, method and status class ({@link RouteMeters}) and the request under its API key id
 * ({@link KeyMeters}). The status is the one the client got, problems from error handlers included; a request whose
 * connection was abandoned mid-exchange counts with the status its {@link CutOff} gives.
 */
final class TrafficFilter implements Filter {
    private static final String API = "/api/";

    private final RouteTable routes;
    private final KeyMeters keys;

    TrafficFilter(RouteTable routes, KeyMeters keys) {
        this.routes = routes;
        this.keys = keys;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().rawPath();
        if (!path.startsWith(API)) {
            chain.proceed();
            return;
        }
        Completion completion = new Completion(routes.match(path), RouteMeters.methodIndex(request.prologue().method()),
                                               System.nanoTime(), request, response, keys);
        response.whenSent(completion);
        try {
            chain.proceed();
        } finally {
            // An abandoned exchange may never complete its response: record it now.
            if (request.context().get(CutOff.class).isPresent()) {
                completion.run();
            }
        }
    }

    /** Records a request when its response has been sent (once, should Helidon tell twice). */
    private static final class Completion implements Runnable {
        private final RouteMeters route;
        private final int method;
        private final long start;
        private final RoutingRequest request;
        private final RoutingResponse response;
        private final KeyMeters keys;
        // Listeners run on the request's own thread.
        private boolean recorded;

        Completion(RouteMeters route, int method, long start, RoutingRequest request, RoutingResponse response,
                   KeyMeters keys) {
            this.route = route;
            this.method = method;
            this.start = start;
            this.request = request;
            this.response = response;
            this.keys = keys;
        }

        @Override
        public void run() {
            if (recorded) {
                return;
            }
            recorded = true;
            int status = request.context().get(CutOff.class).map(CutOff::status).orElseGet(() -> response.status().code());
            route.record(method, status, System.nanoTime() - start);
            Caller caller = request.context().get(Caller.class).orElse(null);
            keys.record(caller != null && caller.byApiKey() ? caller.key() : KeyMeters.NO_KEY, RouteMeters.statusClass(status));
        }
    }
}
