package io.vigil.gateway;

import java.util.Map;

import io.helidon.config.Config;
import io.vigil.gateway.ratelimit.RateLimitSettings;

/**
 * The {@code gateway} section: the upstreams it forwards to, who may call it, and the limits it enforces.
 *
 * @param upstreams upstream settings by name; always contains {@value #LOGPARSE} and {@value #HEALTH}
 * @param auth      authentication ({@code auth})
 * @param rateLimit per-caller token bucket ({@code rate-limit})
 * @param limits    per-request bounds ({@code limits})
 * @param health    how platform health is assessed ({@code health})
 */
public record GatewaySettings(Map<String, UpstreamSettings> upstreams,
                              AuthSettings auth,
                              RateLimitSettings rateLimit,
                              LimitSettings limits,
                              HealthSettings health) {
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
     * @throws io.vigil.common.config.InvalidConfigException naming the first invalid key
     */
    public static GatewaySettings create(Config gateway) {
        Config upstreams = gateway.get("upstreams");
        return new GatewaySettings(Map.of(LOGPARSE, UpstreamSettings.create(upstreams.get(LOGPARSE)),
                                          HEALTH, UpstreamSettings.create(upstreams.get(HEALTH))),
                                   AuthSettings.create(gateway.get("auth")),
                                   RateLimitSettings.create(gateway.get("rate-limit")),
                                   LimitSettings.create(gateway.get("limits")),
                                   HealthSettings.create(gateway.get("health")));
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
