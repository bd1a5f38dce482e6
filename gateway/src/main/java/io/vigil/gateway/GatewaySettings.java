package io.vigil.gateway;

import java.util.Map;

import io.helidon.config.Config;

/**
 * The {@code gateway} section: the upstreams it forwards to.
 *
 * @param upstreams upstream settings by name; always contains {@value #LOGPARSE} and {@value #HEALTH}
 */
public record GatewaySettings(Map<String, UpstreamSettings> upstreams) {
    /** Name of the logparse-service upstream. */
    public static final String LOGPARSE = "logparse";
    /** Name of the health-service upstream. */
    public static final String HEALTH = "health";

    /**
     * Creates the settings.
     */
    public GatewaySettings {
        upstreams = Map.copyOf(upstreams);
    }

    /**
     * Reads and validates the {@code gateway} section.
     *
     * @param gateway the {@code gateway} configuration node
     * @return validated settings
     * @throws io.vigil.common.config.InvalidConfigException when an upstream is missing or invalid
     */
    public static GatewaySettings create(Config gateway) {
        Config upstreams = gateway.get("upstreams");
        return new GatewaySettings(Map.of(
                LOGPARSE, UpstreamSettings.create(upstreams.get(LOGPARSE)),
                HEALTH, UpstreamSettings.create(upstreams.get(HEALTH))));
    }

    /**
     * One upstream's settings.
     *
     * @param name {@value #LOGPARSE} or {@value #HEALTH}
     * @return its settings
     */
    public UpstreamSettings upstream(String name) {
        UpstreamSettings settings = upstreams.get(name);
        if (settings == null) {
            throw new IllegalArgumentException("upstream: " + name + " (expected: one of " + upstreams.keySet() + ")");
        }
        return settings;
    }
}
