package io.vigil.gateway.proxy;

import io.helidon.faulttolerance.Retry;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.config.RouteSettings;
import io.vigil.gateway.traffic.RouteMeters;

/**
 * One route at run time: its settings, the upstream it leads to, and what depends on its own timeouts (the retry
 * policy, the problems it answers with, the relay of answers).
 */
public final class Route {
    private final RouteSettings settings;
    private final Upstream upstream;
    private final Retry retry;
    private final ResponseRelay relay;
    private final FailureResponses failures;
    private final RouteMeters meters;

    /**
     * Creates a route.
     *
     * @param settings the route
     * @param upstream the upstream it names
     * @param limits   the gateway's limits
     * @param traced   whether the gateway traces
     * @param meters   the route's meters, which count the body bytes it streams
     */
    public Route(RouteSettings settings, Upstream upstream, LimitSettings limits, boolean traced, RouteMeters meters) {
        this.settings = settings;
        this.upstream = upstream;
        this.retry = upstream.resilience().retry(settings.timeouts().deadline(), UpstreamFailure.Retryable.class);
        this.meters = meters;
        this.failures = new FailureResponses(new UpstreamProblems(upstream.settings(), settings.timeouts()), upstream.metrics(),
                                             limits, settings.maxBodySize());
        this.relay = new ResponseRelay(upstream.settings().name(), settings.timeouts().read(), failures.deadlineDetail(),
                                       traced, meters);
    }

    /**
     * The route's settings.
     *
     * @return settings
     */
    public RouteSettings settings() {
        return settings;
    }

    Upstream upstream() {
        return upstream;
    }

    Retry retry() {
        return retry;
    }

    ResponseRelay relay() {
        return relay;
    }

    FailureResponses failures() {
        return failures;
    }

    RouteMeters meters() {
        return meters;
    }
}
