package io.vigil.gateway;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;

/**
 * Starts the gateway (port 8080 by default).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the gateway until SIGTERM.
     *
     * @param args ignored; configuration comes from application.yaml, VIGIL_CONFIG and the environment
     */
    public static void main(String[] args) {
        VigilService.run("gateway", Main::routing);
    }

    /**
     * The service's own routes; tests and the one-JVM platform test reuse them.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    public static void routing(HttpRouting.Builder routing, Config config) {
        GatewaySettings settings = GatewaySettings.create(config.get("gateway"));
        routing.register("/api/v1/logs", new LogsService(new UpstreamProxy(settings.upstream(GatewaySettings.LOGPARSE))));
    }
}
