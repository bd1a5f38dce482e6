package io.vigil.health;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;

/**
 * Starts health-service (port 8081 by default).
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
        VigilService.run("health-service", Main::routing);
    }

    /**
     * The service's own routes; tests and the one-JVM platform test reuse them.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    public static void routing(HttpRouting.Builder routing, Config config) {
        // The dependency checks (GET /v1/checks) are not built yet; the service serves /observe/* only.
    }
}
