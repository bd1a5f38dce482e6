package io.vigil.common.service;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;

/**
 * A service's own routes, added to a routing that already has request ids, error handling and draining. It runs
 * in the service's context: {@link io.vigil.common.tracing.Tracing#tracer()} there is the service's tracer.
 */
@FunctionalInterface
public interface RoutingSetup {
    /**
     * Registers the service's routes.
     *
     * @param routing routing under construction
     * @param config  the whole configuration; read and validate the service's own section here
     * @throws io.vigil.common.config.InvalidConfigException when that section is invalid
     */
    void setup(HttpRouting.Builder routing, Config config);
}
