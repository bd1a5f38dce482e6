package io.vigil.logparse;

import java.util.List;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;

/**
 * Starts logparse-service (port 8082 by default).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the service until SIGTERM.
     *
     * @param args ignored; configuration comes from application.yaml, VIGIL_CONFIG and the environment
     */
    public static void main(String[] args) {
        VigilService.run("logparse-service", Main::routing);
    }

    /**
     * The service's own routes; tests and the one-JVM platform test reuse them.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    public static void routing(HttpRouting.Builder routing, Config config) {
        routing.register("/v1", new FormatsService(List.of()));
    }
}
