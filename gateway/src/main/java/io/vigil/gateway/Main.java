package io.vigil.gateway;

import java.lang.System.Logger.Level;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;
import io.vigil.common.tracing.Tracing;
import io.vigil.gateway.api.DashboardService;
import io.vigil.gateway.api.OpenApiService;
import io.vigil.gateway.api.RouteService;
import io.vigil.gateway.auth.ApiKeyFilter;
import io.vigil.gateway.auth.AuthMode;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.config.RouteSettings;
import io.vigil.gateway.config.UpstreamSettings;
import io.vigil.gateway.endpoint.Resolver;
import io.vigil.gateway.health.HealthService;
import io.vigil.gateway.health.PlatformHealth;
import io.vigil.gateway.proxy.Route;
import io.vigil.gateway.proxy.Upstream;
import io.vigil.gateway.proxy.UpstreamProxy;
import io.vigil.gateway.proxy.UpstreamTracing;
import io.vigil.gateway.proxy.Watchdog;
import io.vigil.gateway.ratelimit.RateLimitFilter;

/**
 * Starts the gateway (port 8080 by default).
 */
public final class Main {
    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Runs the gateway until SIGTERM.
     *
     * @param args ignored; configuration comes from application.yaml, VIGIL_CONFIG and the environment
     */
    public static void main(String[] args) {
        // DNS answers are cached for a second, not the JVM's default 30 s, so that discovery of endpoints by DNS name
        // (gateway.upstreams.<name>.dns) sees pods come and go. Set before the first lookup reads it.
        Security.setProperty("networkaddress.cache.ttl", "1");
        Security.setProperty("networkaddress.cache.negative.ttl", "1");
        VigilService.run("gateway", Main::routing, Main::server);
    }

    /**
     * The gateway's listener settings: the largest request body it takes ({@code gateway.limits.max-body-size});
     * a larger one is a 413 problem.
     *
     * @param server server configuration under construction
     * @param config the whole configuration
     */
    public static void server(WebServerConfig.Builder server, Config config) {
        server.maxPayloadSize(LimitSettings.create(config.get("gateway.limits")).maxBodySize());
    }

    /**
     * The service's own routes; tests and the one-JVM platform test reuse them.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    public static void routing(HttpRouting.Builder routing, Config config) {
        routing(routing, config, Resolver.system());
    }

    /**
     * The service's own routes, with DNS names resolved by the given resolver (tests make endpoints come and go).
     *
     * @param routing  routing under construction
     * @param config   the whole configuration
     * @param resolver resolves the DNS names of upstreams
     */
    public static void routing(HttpRouting.Builder routing, Config config, Resolver resolver) {
        GatewaySettings settings = GatewaySettings.create(config.get("gateway"));
        if (settings.auth().mode() == AuthMode.NONE) {
            LOGGER.log(Level.WARNING, "gateway.auth.mode is none: /api/* is open to anyone who can reach this port;"
                    + " use it for local development only");
        }
        UpstreamTracing tracing = new UpstreamTracing(Tracing.tracer());
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        for (UpstreamSettings upstream : settings.upstreams().values()) {
            upstreams.put(upstream.name(), Upstream.start(upstream, resolver));
        }
        List<Route> routes = new ArrayList<>();
        for (RouteSettings route : settings.routes()) {
            routes.add(new Route(route, upstreams.get(route.upstream()), settings.limits(), tracing.enabled()));
        }
        Watchdog watchdog = Watchdog.start();
        PlatformHealth health = new PlatformHealth(upstreams.values().stream().map(Upstream::endpoints).toList(),
                                                   upstreams.get(GatewaySettings.HEALTH).endpoints(), settings.health(),
                                                   tracing);
        routing.addFilter(new ApiKeyFilter(settings.auth()))
                .addFilter(new RateLimitFilter(settings.rateLimit()))
                .register("/api/v1/health", new HealthService(health))
                .register(new RouteService(routes, new UpstreamProxy(watchdog, settings.limits(), tracing), () -> {
                    upstreams.values().forEach(Upstream::close);
                    watchdog.close();
                }))
                .register("/openapi", new OpenApiService())
                .register(new DashboardService());
    }
}
