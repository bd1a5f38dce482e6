package io.vigil.gateway.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.gateway.config.UpstreamSettings;

/**
 * The endpoints of one upstream: kept in step with discovery, each probed for readiness, balanced by
 * {@link PowerOfTwoChoices} among those in rotation. When every endpoint is out of rotation the group still answers
 * with one whose circuit is not open (as Envoy's panic mode does), so one endpoint that is ejected or fails its probe
 * behaves as a single upstream always did. An endpoint that discovery drops is retired: requests in progress finish on
 * it, its connections close as they come back.
 */
public final class EndpointGroup implements AutoCloseable {
    private static final Endpoint[] NONE = new Endpoint[0];

    private final UpstreamSettings settings;
    private final OutlierEjection ejection;
    private final ReadinessProbe probe;
    private final Discovery discovery;
    private volatile Endpoint[] endpoints = NONE;

    private EndpointGroup(UpstreamSettings settings, Resolver resolver) {
        this.settings = settings;
        this.ejection = new OutlierEjection(settings.outlierEjection(), this::endpoints);
        this.probe = new ReadinessProbe(settings.name(), settings.probe(), this::endpoints);
        this.discovery = new Discovery(settings.name(), settings.discovery(), resolver, this::update);
    }

    /**
     * Finds an upstream's endpoints and starts watching them: discovery (at once, then every interval for a DNS name)
     * and the readiness probes.
     *
     * @param settings the upstream
     * @param resolver how DNS names are resolved
     * @return the running group
     */
    public static EndpointGroup start(UpstreamSettings settings, Resolver resolver) {
        EndpointGroup group = new EndpointGroup(settings, resolver);
        group.discovery.start();
        group.probe.start();
        return group;
    }

    /**
     * The endpoint for the next attempt of a request.
     *
     * @param tried endpoints the request already tried (another one is preferred)
     * @return an endpoint, or {@code null} when the upstream has none
     */
    public Endpoint select(List<Endpoint> tried) {
        Endpoint[] all = endpoints;
        if (all.length == 1) {
            return all[0];
        }
        long now = System.nanoTime();
        for (PowerOfTwoChoices.Eligible eligible : PowerOfTwoChoices.Eligible.values()) {
            Endpoint chosen = PowerOfTwoChoices.choose(all, tried, eligible, now);
            if (chosen != null) {
                return chosen;
            }
        }
        // Every circuit is open: the breaker answers for the upstream.
        return all.length == 0 ? null : all[0];
    }

    /**
     * The current endpoints.
     *
     * @return endpoints in discovery order
     */
    public List<Endpoint> endpoints() {
        return List.of(endpoints);
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
     * The readiness probe, for reports that want a fresh result.
     *
     * @return the probe
     */
    public ReadinessProbe probe() {
        return probe;
    }

    /**
     * Replaces the set of endpoints: new addresses become endpoints, known ones keep their state, missing ones retire.
     *
     * @param addresses the endpoints discovery found now
     */
    synchronized void update(Collection<EndpointAddress> addresses) {
        Map<EndpointAddress, Endpoint> current = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            current.put(endpoint.address(), endpoint);
        }
        List<Endpoint> next = new ArrayList<>();
        for (EndpointAddress address : addresses) {
            Endpoint known = current.remove(address);
            next.add(known != null ? known : new Endpoint(settings.name(), address, settings.pool(), settings.circuitBreaker(),
                                                          ejection));
        }
        endpoints = next.toArray(NONE);
        current.values().forEach(Endpoint::retire);
    }

    /** Stops discovery and probes and closes every idle connection; connections in use close as they come back. */
    @Override
    public synchronized void close() {
        discovery.close();
        probe.close();
        for (Endpoint endpoint : endpoints) {
            endpoint.retire();
        }
    }
}
