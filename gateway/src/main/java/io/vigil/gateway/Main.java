package io.vigil.gateway;

import java.lang.System.Logger.Level;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;
import io.vigil.common.tracing.Tracing;
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
        LimitSettings limits = LimitSettings.create(config.get("gateway.limits"));
        server.maxPayloadSize(limits.maxBodySize());
    }

    /**
     * The service's own routes; tests and the one-JVM platform test reuse them.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    public static void routing(HttpRouting.Builder routing, Config config) {
        GatewaySettings settings = GatewaySettings.create(config.get("gateway"));
        if (settings.auth().mode() == AuthMode.NONE) {
            LOGGER.log(Level.WARNING, "gateway.auth.mode is none: /api/* is open to anyone who can reach this port;"
                    + " use it for local development only");
        }
        Watchdog watchdog = Watchdog.shared();
        UpstreamTracing tracing = new UpstreamTracing(Tracing.tracer());
        UpstreamProxy logparse = new UpstreamProxy(settings.upstream(GatewaySettings.LOGPARSE), watchdog, settings.limits(),
                                                   tracing);
        UpstreamProxy health = new UpstreamProxy(settings.upstream(GatewaySettings.HEALTH), watchdog, settings.limits(), tracing);
        routing.addFilter(new ApiKeyFilter(settings.auth()))
                .addFilter(new RateLimitFilter(settings.rateLimit()))
                .register("/api/v1/logs", new LogsService(logparse))
                .register("/api/v1/health", new HealthService(new PlatformHealth(List.of(logparse, health), health.settings(),
                                                                                 settings.health(), tracing), health))
                .register("/openapi", new OpenApiService())
                .register(new DashboardService());
    }
}
