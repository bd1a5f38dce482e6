package io.vigil.gateway.traffic;

import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The gateway's traffic per route: the meters ({@link RouteMeters}, {@link KeyMeters}), the filter that feeds them
 * ({@link #filter()}), and {@code GET /api/v1/traffic}, the recent traffic of each route as JSON
 * ({@link TrafficWindow}), which the dashboard's Traffic page draws. The window starts reading the meters when the
 * service is created and stops when the server stops.
 */
public final class TrafficService implements HttpService {
    /** Where the service is registered. */
    public static final String PATH = "/api/v1/traffic";

    private final RouteTable routes;
    private final KeyMeters keys = new KeyMeters();
    private final TrafficWindow window;

    /**
     * Creates the meters and starts reading them.
     *
     * @param routes   every measured route's prefix, in the order the answer lists them, with the name of its upstream
     *                 (an empty name for the gateway's own endpoints)
     * @param settings how the window reads the meters
     */
    public TrafficService(Map<String, String> routes, TrafficSettings settings) {
        this.routes = new RouteTable(routes);
        this.window = TrafficWindow.start(this.routes, settings);
    }

    /**
     * The filter that measures requests; it belongs before access control and rate limits.
     *
     * @return the filter
     */
    public Filter filter() {
        return new TrafficFilter(routes, keys);
    }

    /**
     * The meters of a route, for the bytes its proxy streams.
     *
     * @param prefix the route's prefix
     * @return its meters
     */
    public RouteMeters route(String prefix) {
        return routes.route(prefix);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::traffic);
    }

    @Override
    public void afterStop() {
        window.close();
    }

    private void traffic(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(window.json().toString());
    }
}
