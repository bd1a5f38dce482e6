package io.vigil.common.service;

import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;

/**
 * Listener settings a service needs beyond what Helidon reads from {@code server.*}, such as a content
 * encoding context or a payload limit taken from the service's own validated section.
 */
@FunctionalInterface
public interface ServerSetup {
    /** Changes nothing. */
    ServerSetup NONE = (server, config) -> {
    };

    /**
     * Adjusts the server before it is built; runs after Helidon has read {@code server.*}.
     *
     * @param server server configuration under construction
     * @param config the whole configuration
     * @throws io.vigil.common.config.InvalidConfigException when a value the setup reads is invalid
     */
    void setup(WebServerConfig.Builder server, Config config);
}
