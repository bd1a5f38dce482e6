package io.vigil.gateway.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes the gateway measures, found by path the way routing finds them: the longest prefix that the path is
 * or lies below wins. A path under {@code /api/} that no route has is measured as {@value #NO_ROUTE}.
 */
final class RouteTable {
    /** The {@code route} tag of requests that match no route (the gateway's 404s, mostly). */
    static final String NO_ROUTE = "(none)";

    private final List<RouteMeters> routes;
    private final Map<String, String> upstreams;
    private final RouteMeters unmatched;

    /**
     * Creates the table.
     *
     * @param upstreams every route's prefix, in the order the answer of {@code GET /api/v1/traffic} lists them, with the
     *                  name of the upstream it leads to, or an empty name for the gateway's own endpoints
     */
    RouteTable(Map<String, String> upstreams) {
        List<RouteMeters> all = new ArrayList<>();
        for (String prefix : upstreams.keySet()) {
            all.add(new RouteMeters(prefix));
        }
        this.routes = List.copyOf(all);
        this.upstreams = new LinkedHashMap<>(upstreams);
        this.unmatched = new RouteMeters(NO_ROUTE);
    }

    /**
     * The upstream a route leads to.
     *
     * @param prefix a route's prefix
     * @return the upstream's name; empty for the gateway's own endpoints and unmatched paths
     */
    Optional<String> upstream(String prefix) {
        return Optional.ofNullable(upstreams.get(prefix)).filter(name -> !name.isEmpty());
    }

    /**
     * The routes in their given order, then the one of unmatched paths.
     *
     * @return every route's meters
     */
    List<RouteMeters> all() {
        List<RouteMeters> all = new ArrayList<>(routes);
        all.add(unmatched);
        return all;
    }

    /**
     * The meters of a route by its prefix.
     *
     * @param prefix a prefix given to the constructor
     * @return its meters
     */
    RouteMeters route(String prefix) {
        for (RouteMeters route : routes) {
            if (route.route().equals(prefix)) {
                return route;
            }
        }
        throw new IllegalArgumentException("route: " + prefix + " (expected: one of the measured prefixes)");
    }

    /**
     * The route a path belongs to.
     *
     * @param path a request's raw path
     * @return the route with the longest prefix the path is or lies below, else the unmatched one
     */
    RouteMeters match(String path) {
        RouteMeters best = unmatched;
        int length = -1;
        for (RouteMeters route : routes) {
            String prefix = route.route();
            if (prefix.length() > length && path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                best = route;
                length = prefix.length();
            }
        }
        return best;
    }
}
