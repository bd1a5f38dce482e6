package io.vigil.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.gateway.auth.AuthSettings;
import io.vigil.gateway.config.HealthSettings;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.config.RouteSettings;
import io.vigil.gateway.config.UpstreamSettings;
import io.vigil.gateway.ratelimit.RateLimitSettings;

/**
 * The {@code gateway} section: the upstreams it forwards to and the routes that lead there, who may call it, and the
 * limits it enforces.
 *
 * @param upstreams upstream settings by name; always contains {@value #HEALTH}, whose report {@code /api/v1/health}
 *                  includes
 * @param routes    routes, longest prefix first ({@code routes}; default: {@code /api/v1/logs} to logparse {@code /v1},
 *                  {@code /api/v1/health/checks} to health {@code /v1/checks})
 * @param auth      authentication ({@code auth})
 * @param rateLimit per-caller token bucket ({@code rate-limit})
 * @param limits    per-request bounds ({@code limits})
 * @param health    how platform health is assessed ({@code health})
 */
public record GatewaySettings(Map<String, UpstreamSettings> upstreams,
                              List<RouteSettings> routes,
                              AuthSettings auth,
                              RateLimitSettings rateLimit,
                              LimitSettings limits,
                              HealthSettings health) {
    /** Name of the health-service upstream, whose report is part of {@code GET /api/v1/health}. */
    public static final String HEALTH = "health";

    /**
     * Creates the settings.
     */
    public GatewaySettings {
        upstreams = Map.copyOf(upstreams);
        routes = List.copyOf(routes);
    }

    /**
     * Reads and validates the {@code gateway} section.
     *
     * @param gateway the {@code gateway} configuration node
     * @return validated settings
     * @throws InvalidConfigException naming the first invalid key
     */
    public static GatewaySettings create(Config gateway) {
        Map<String, UpstreamSettings> upstreams = upstreams(gateway.get("upstreams"));
        LimitSettings limits = LimitSettings.create(gateway.get("limits"));
        return new GatewaySettings(upstreams,
                                   routes(gateway.get("routes"), upstreams, limits),
                                   AuthSettings.create(gateway.get("auth")),
                                   RateLimitSettings.create(gateway.get("rate-limit")),
                                   limits,
                                   HealthSettings.create(gateway.get("health")));
    }

    /**
     * One upstream's settings.
     *
     * @param name a configured upstream's name
     * @return its settings
     */
    public UpstreamSettings upstream(String name) {
        UpstreamSettings settings = upstreams.get(name);
        if (settings == null) {
            throw new IllegalArgumentException("upstream: " + name + " (expected: one of " + upstreams.keySet() + ")");
        }
        return settings;
    }

    private static Map<String, UpstreamSettings> upstreams(Config node) {
        Map<String, UpstreamSettings> upstreams = new LinkedHashMap<>();
        for (Config upstream : node.asNodeList().orElse(List.of())) {
            upstreams.put(upstream.name(), UpstreamSettings.create(upstream));
        }
        if (!upstreams.containsKey(HEALTH)) {
            // health-service's report is part of the platform's health: its upstream is always needed.
            UpstreamSettings.create(node.get(HEALTH));
        }
        return upstreams;
    }

    private static List<RouteSettings> routes(Config node, Map<String, UpstreamSettings> upstreams, LimitSettings limits) {
        List<Config> entries = node.exists() ? node.asNodeList().orElse(List.of()) : defaultRoutes();
        List<RouteSettings> routes = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (Config entry : entries) {
            RouteSettings route = RouteSettings.create(entry, upstreams, limits);
            if (!prefixes.add(route.prefix())) {
                throw new InvalidConfigException(entry.get("prefix").key().toString(), route.prefix(),
                                                 "a prefix no other route has");
            }
            routes.add(route);
        }
        routes.sort(Comparator.comparingInt((RouteSettings route) -> route.prefix().length()).reversed());
        return routes;
    }

    private static List<Config> defaultRoutes() {
        Map<String, String> values = new LinkedHashMap<>();
        List<List<String>> defaults = RouteSettings.defaults();
        for (int i = 0; i < defaults.size(); i++) {
            values.put("gateway.routes." + i + ".prefix", defaults.get(i).get(0));
            values.put("gateway.routes." + i + ".upstream", defaults.get(i).get(1));
            values.put("gateway.routes." + i + ".rewrite", defaults.get(i).get(2));
            List<String> operations = defaults.get(i).subList(3, defaults.get(i).size());
            for (int j = 0; j < operations.size(); j++) {
                values.put("gateway.routes." + i + ".operations." + j, operations.get(j));
            }
        }
        return Config.just(ConfigSources.create(values)).get("gateway.routes").asNodeList().orElseThrow();
    }
}
