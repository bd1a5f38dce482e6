package io.vigil.gateway.api;

import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.gateway.proxy.Route;
import io.vigil.gateway.proxy.UpstreamProxy;

/**
 * The configured routes ({@code gateway.routes}): a request whose path is a route's prefix or lies below it goes to the
 * route's upstream with the prefix rewritten, bodies streaming both ways; the longest matching prefix wins, and a route
 * that lists its operations forwards only those. A path with dot segments or encoded slashes matches no route; what no
 * route forwards is the gateway's own 404 problem. When the server stops, the upstreams' idle connections close
 * and their probes and discovery stop.
 */
public final class RouteService implements HttpService {
    private final List<Route> routes;
    private final UpstreamProxy proxy;
    private final AutoCloseable onStop;

    /**
     * Creates the service.
     *
     * @param routes routes, longest prefix first
     * @param proxy  the gateway's proxy
     * @param onStop what to close after the server stopped
     */
    public RouteService(List<Route> routes, UpstreamProxy proxy, AutoCloseable onStop) {
        this.routes = List.copyOf(routes);
        this.proxy = proxy;
        this.onStop = onStop;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::forward);
    }

    @Override
    public void afterStop() {
        try {
            onStop.close();
        } catch (Exception e) {
            System.getLogger(RouteService.class.getName()).log(System.Logger.Level.WARNING, "Stopping the upstreams failed", e);
        }
    }

    private void forward(ServerRequest request, ServerResponse response) {
        String path = request.path().rawPath();
        if (plain(path)) {
            for (Route route : routes) {
                if (route.settings().matches(path)) {
                    if (route.settings().forwards(request.prologue().method().text(), path)) {
                        proxy.forward(route, request, response, route.settings().upstreamPath(path));
                        return;
                    }
                    break;
                }
            }
        }
        response.next();
    }

    /** No dot segment and no encoded slash, backslash or dot: the path an upstream sees is the path that matched. */
    static boolean plain(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return !lower.contains("/./") && !lower.contains("/../") && !lower.endsWith("/.") && !lower.endsWith("/..")
                && !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("%2e") && !lower.contains("\\");
    }
}
