package io.vigil.gateway.proxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.endpoint.EndpointGroup;
import io.vigil.gateway.endpoint.EndpointMetrics;

/**
 * The meters of one upstream in Helidon's global registry, hence in {@code /observe/metrics}: requests by
 * outcome, time to the response head, retries, rejections, and the state of its circuits taken together. Meters are
 * looked up once; recording is a counter increment. Each endpoint has meters of its own ({@link EndpointMetrics}).
 */
final class UpstreamMetrics {
    /** Requests by {@code outcome}: {@code 2xx}..{@code 5xx}, or a failure kind, or a rejection. */
    static final String REQUESTS = "vigil.gateway.upstream.requests";
    /** Time from the start of a request until the upstream's response head arrived, retries included. */
    static final String LATENCY = "vigil.gateway.upstream.latency";
    /** Retries by {@code result}: {@code sent}, or {@code budget-exhausted} when the retry budget said no. */
    static final String RETRIES = "vigil.gateway.upstream.retries";
    /** Requests turned away without calling the upstream, by {@code reason}. */
    static final String REJECTIONS = "vigil.gateway.upstream.rejections";
    /**
     * The upstream's circuits taken together: the state of its best endpoint's circuit (0 closed, 1 half-open, 2 open),
     * so 2 means no endpoint takes calls.
     */
    static final String CIRCUIT_STATE = "vigil.gateway.upstream.circuit.state";

    private static final String[] OUTCOMES = {"1xx", "2xx", "3xx", "4xx", "5xx", "unreachable", "broken", "timeout",
                                              "client-failed", "circuit-open", "bulkhead-full"};

    private final String upstream;
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Timer latency;
    private final Counter retried;
    private final Counter budgetExhausted;
    private final Counter circuitOpen;
    private final Counter bulkheadFull;

    UpstreamMetrics(String upstream) {
        this.upstream = upstream;
        for (String outcome : OUTCOMES) {
            outcomes.put(outcome, counter(REQUESTS, "outcome", outcome, "Requests forwarded to an upstream, by outcome"));
        }
        this.latency = registry.getOrCreate(Timer.builder(LATENCY)
                                                    .tags(List.of(Tag.create("upstream", upstream)))
                                                    .description("Time until the upstream's response head arrived"));
        this.retried = counter(RETRIES, "result", "sent", "Retries of upstream requests");
        this.budgetExhausted = counter(RETRIES, "result", "budget-exhausted", "Retries of upstream requests");
        this.circuitOpen = counter(REJECTIONS, "reason", "circuit-open", "Requests rejected without calling the upstream");
        this.bulkheadFull = counter(REJECTIONS, "reason", "bulkhead-full", "Requests rejected without calling the upstream");
    }

    /**
     * Publishes the state of the upstream's circuits, replacing the gauge of an earlier gateway in the same JVM (tests
     * start several).
     *
     * @param endpoints the upstream's endpoints
     */
    void circuit(EndpointGroup endpoints) {
        List<Tag> tags = List.of(Tag.create("upstream", upstream));
        registry.remove(CIRCUIT_STATE, tags);
        registry.getOrCreate(Gauge.builder(CIRCUIT_STATE, endpoints, UpstreamMetrics::bestState)
                                     .tags(tags)
                                     .description("Best circuit breaker state of the upstream's endpoints: 0 closed, "
                                                          + "1 half-open, 2 open"));
    }

    /**
     * Counts a relayed response.
     *
     * @param status its status code
     */
    void status(int status) {
        outcomes.get((Math.min(5, Math.max(1, status / 100))) + "xx").increment();
    }

    /**
     * Counts a request that ended without an upstream response.
     *
     * @param outcome one of the failure outcomes
     */
    void outcome(String outcome) {
        Counter counter = outcomes.get(outcome);
        counter.increment();
        if ("circuit-open".equals(outcome)) {
            circuitOpen.increment();
        } else if ("bulkhead-full".equals(outcome)) {
            bulkheadFull.increment();
        }
    }

    void latency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void retry(boolean sent) {
        (sent ? retried : budgetExhausted).increment();
    }

    static double bestState(EndpointGroup endpoints) {
        double best = 2;
        for (Endpoint endpoint : endpoints.endpoints()) {
            best = Math.min(best, EndpointMetrics.stateCode(endpoint.breaker().state()));
        }
        return best;
    }

    private Counter counter(String name, String tag, String value, String description) {
        return registry.getOrCreate(Counter.builder(name)
                                            .tags(List.of(Tag.create("upstream", upstream), Tag.create(tag, value)))
                                            .description(description));
    }
}
