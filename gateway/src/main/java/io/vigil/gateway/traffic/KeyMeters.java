package io.vigil.gateway.traffic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * Requests per API key in Helidon's global registry: {@code vigil_gateway_key_requests_total{key_id, status}}, the
 * status as its class. The key's id, never the key; {@value #NO_KEY} when the request presented no valid key or
 * authentication is off. Bounded: one set of counters per configured key, plus {@value #NO_KEY}.
 */
final class KeyMeters {
    /** Requests on {@code /api/*} by API key id and status class. */
    static final String REQUESTS = "vigil.gateway.key.requests";
    /** {@code key_id} of requests without a known key (the same value the rate limit's metrics use). */
    static final String NO_KEY = "(none)";

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Map<String, Counter[]> byKey = new ConcurrentHashMap<>();

    /**
     * Counts a request.
     *
     * @param keyId       the API key's id, or {@value #NO_KEY}
     * @param statusClass index in {@link RouteMeters#STATUS_CLASSES}
     */
    void record(String keyId, int statusClass) {
        byKey.computeIfAbsent(keyId, this::counters)[statusClass].increment();
    }

    private Counter[] counters(String keyId) {
        Counter[] counters = new Counter[RouteMeters.STATUS_CLASSES.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = registry.getOrCreate(Counter.builder(REQUESTS)
                                                       .tags(List.of(Tag.create("key_id", keyId),
                                                                     Tag.create("status", RouteMeters.STATUS_CLASSES.get(i))))
                                                       .description("Requests on /api/* by API key id and status class"));
        }
        return counters;
    }
}
