package io.vigil.common.service;

import java.util.function.Consumer;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/**
 * A service's own routes plus the health checks it adds to {@code /observe/health}, such as a readiness
 * check that stays DOWN until the service has done its first piece of work. It runs in the service's context:
 * {@link io.vigil.common.tracing.Tracing#tracer()} there is the service's tracer.
 */
@FunctionalInterface
public interface ServiceSetup {
    /**
     * Registers the service's routes and health checks.
     *
     * @param routing      routing under construction (request ids, error handling and draining already in place)
     * @param config       the whole configuration; read and validate the service's own section here
     * @param healthChecks takes each check to serve beside the bootstrap's own {@code serving} readiness check
     * @throws io.vigil.common.config.InvalidConfigException when that section is invalid
     */
    void setup(HttpRouting.Builder routing, Config config, Consumer<HealthCheck> healthChecks);
}
