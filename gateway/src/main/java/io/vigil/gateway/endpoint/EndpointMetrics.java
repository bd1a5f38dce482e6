package io.vigil.gateway.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The meters of one endpoint in Helidon's global registry, tagged {@code upstream} and {@code endpoint}
 * ({@code host:port}): attempts by outcome, their time to the response head, ejections, requests in progress, readiness,
 * ejection and circuit state.
 * They are removed when the endpoint leaves, so discovery that churns addresses does not grow the registry.
 */
public final class EndpointMetrics {
    /** Attempts sent to the endpoint, by {@code outcome}: {@code 1xx}..{@code 5xx}, or a failure kind. */
    public static final String REQUESTS = "vigil.gateway.endpoint.requests";
    /**
     * Time from the start of an attempt (taking a connection) until the endpoint's response head arrived, as a
     * histogram with fixed buckets, so that a slow endpoint shows among fast ones.
     */
    public static final String LATENCY = "vigil.gateway.endpoint.latency";
    /** Times outlier ejection took the endpoint out of rotation. */
    public static final String EJECTIONS = "vigil.gateway.endpoint.ejections";
    /** Requests in progress on the endpoint (what balancing compares). */
    public static final String OUTSTANDING = "vigil.gateway.endpoint.outstanding";
    /** 1 when the last readiness probe found the endpoint ready (or none ran yet), else 0. */
    public static final String READY = "vigil.gateway.endpoint.ready";
    /** 1 while outlier ejection keeps the endpoint out of rotation, else 0. */
    public static final String EJECTED = "vigil.gateway.endpoint.ejected";
    /** The endpoint's circuit breaker: 0 closed, 1 half-open, 2 open. */
    public static final String CIRCUIT_STATE = "vigil.gateway.endpoint.circuit.state";

    private static final String[] OUTCOMES = {"1xx", "2xx", "3xx", "4xx", "5xx", "unreachable", "broken", "timeout"};
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                                               Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                                               Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                                               Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
                                               Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Tag> tags;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Counter ejections;
    private final Timer latency;
    private final List<String> gauges = new ArrayList<>();

    EndpointMetrics(String upstream, Endpoint endpoint) {
        this.tags = List.of(Tag.create("upstream", upstream), Tag.create("endpoint", endpoint.address().authority()));
        for (String outcome : OUTCOMES) {
            outcomes.put(outcome, registry.getOrCreate(Counter.builder(REQUESTS)
                                                               .tags(withTag("outcome", outcome))
                                                               .description("Attempts sent to an endpoint, by outcome")));
        }
        this.ejections = registry.getOrCreate(Counter.builder(EJECTIONS).tags(tags)
                                                      .description("Times outlier ejection took an endpoint out of rotation"));
        this.latency = registry.getOrCreate(Timer.builder(LATENCY).tags(tags).buckets(BUCKETS).percentiles(new double[0])
                                                    .description("Time from the start of an attempt until the endpoint's "
                                                                         + "response head arrived"));
        gauge(OUTSTANDING, endpoint, e -> e.outstanding(), "Requests in progress on an endpoint");
        gauge(READY, endpoint, e -> e.readiness().ready() ? 1 : 0, "1 when the endpoint's readiness probe passes");
        gauge(EJECTED, endpoint, e -> e.ejected(System.nanoTime()) ? 1 : 0, "1 while the endpoint is ejected");
        gauge(CIRCUIT_STATE, endpoint, e -> stateCode(e.breaker().state()),
              "Circuit breaker state of an endpoint: 0 closed, 1 half-open, 2 open");
    }

    /**
     * The number of a circuit breaker state in metrics.
     *
     * @param state the state
     * @return 0 closed, 1 half-open, 2 open
     */
    public static double stateCode(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    /**
     * The name of a circuit breaker state in health reports, spans and access logs.
     *
     * @param state the state
     * @return {@code closed}, {@code half-open} or {@code open}
     */
    public static String stateText(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "closed";
            case HALF_OPEN -> "half-open";
            case OPEN -> "open";
        };
    }

    /**
     * Counts an attempt that got an answer.
     *
     * @param status its status code
     */
    public void status(int status) {
        outcomes.get((Math.min(5, Math.max(1, status / 100))) + "xx").increment();
    }

    /**
     * Times an attempt that got a response head.
     *
     * @param nanos from taking a connection to the head
     */
    public void latency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Counts an attempt that got no answer.
     *
     * @param outcome {@code unreachable}, {@code broken} or {@code timeout}
     */
    public void failure(String outcome) {
        outcomes.get(outcome).increment();
    }

    void ejected() {
        ejections.increment();
    }

    /** Removes the endpoint's meters. */
    void close() {
        for (String name : gauges) {
            registry.remove(name, tags);
        }
        for (Counter counter : outcomes.values()) {
            registry.remove(counter);
        }
        registry.remove(ejections);
        registry.remove(latency);
    }

    private void gauge(String name, Endpoint endpoint, ToDoubleFunction<Endpoint> value, String description) {
        // A gauge of an earlier endpoint with the same address (tests start several gateways in a JVM) is replaced.
        registry.remove(name, tags);
        registry.getOrCreate(Gauge.builder(name, endpoint, value).tags(tags).description(description));
        gauges.add(name);
    }

    private List<Tag> withTag(String name, String value) {
        List<Tag> all = new ArrayList<>(tags);
        all.add(Tag.create(name, value));
        return all;
    }
}
