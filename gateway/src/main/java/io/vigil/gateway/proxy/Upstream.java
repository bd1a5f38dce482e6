package io.vigil.gateway.proxy;

import io.vigil.gateway.config.UpstreamSettings;
import io.vigil.gateway.endpoint.EndpointGroup;
import io.vigil.gateway.endpoint.Resolver;
import io.vigil.gateway.proxy.resilience.Resilience;

/**
 * One upstream at run time: its endpoints (discovered, probed, balanced), its bulkhead and retry budget, its meters.
 * Its routes share all of these.
 */
public final class Upstream implements AutoCloseable {
    private final UpstreamSettings settings;
    private final EndpointGroup endpoints;
    private final UpstreamMetrics metrics;
    private final Resilience resilience;

    private Upstream(UpstreamSettings settings, EndpointGroup endpoints) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.metrics = new UpstreamMetrics(settings.name());
        this.resilience = new Resilience(settings.name(), settings.retry(), settings.bulkhead(), metrics::retry);
        metrics.circuit(endpoints);
    }

    /**
     * Finds the upstream's endpoints and starts watching them.
     *
     * @param settings the upstream
     * @param resolver how DNS names are resolved
     * @return the running upstream
     */
    public static Upstream start(UpstreamSettings settings, Resolver resolver) {
        return new Upstream(settings, EndpointGroup.start(settings, resolver));
    }

    /**
     * The upstream's settings.
     *
     * @return settings
     */
    public UpstreamSettings settings() {
        return settings;
    }

    /**
     * Its endpoints.
     *
     * @return the group
     */
    public EndpointGroup endpoints() {
        return endpoints;
    }

    UpstreamMetrics metrics() {
        return metrics;
    }

    Resilience resilience() {
        return resilience;
    }

    /** Stops discovery and probes and closes the idle connections of every endpoint. */
    @Override
    public void close() {
        endpoints.close();
    }
}
