package io.vigil.health;

import java.util.function.Consumer;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;
import io.vigil.common.tracing.Tracing;

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
     * The service's own routes ({@code /v1/checks}) and its readiness check (UP once the checks have run
     * once); tests and the one-JVM platform test reuse them.
     *
     * @param routing      routing under construction
     * @param config       the whole configuration; the {@code health} section is read here
     * @param healthChecks takes the service's readiness check
     * @throws io.vigil.common.config.InvalidConfigException when the {@code health} section is invalid
     */
    public static void routing(HttpRouting.Builder routing, Config config, Consumer<HealthCheck> healthChecks) {
        HealthSettings settings = HealthSettings.create(config.get("health"));
        CheckRunner runner = new CheckRunner(settings, Metrics.globalRegistry(), Tracing.tracer());
        healthChecks.accept(runner.readiness());
        routing.register("/v1", new ChecksService(settings, runner));
    }
}
