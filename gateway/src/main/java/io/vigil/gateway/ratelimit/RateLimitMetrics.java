package io.vigil.gateway.ratelimit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The rate limit's meters in Helidon's global registry, hence in {@code /observe/metrics} as
 * {@code vigil_gateway_ratelimit_*}: rejections per API key id, requests Redis did not decide, and whether Redis is
 * connected.
 */
final class RateLimitMetrics {
    /** 429s by {@code key_id}: the API key's id, or {@value #NO_KEY} when callers are told apart by address. */
    static final String REJECTED = "vigil.gateway.ratelimit.rejected";
    /** Requests Redis did not decide, by {@code reason}: local bucket (fail-open) or 503 (fail-closed) instead. */
    static final String FALLBACKS = "vigil.gateway.ratelimit.redis.fallbacks";
    /** 1 while a connection to Redis is up, else 0 (only with {@code gateway.rate-limit.redis.uri}). */
    static final String CONNECTED = "vigil.gateway.ratelimit.redis.connected";
    /** {@code key_id} of requests limited per client address (authentication off); no key id can have brackets. */
    static final String NO_KEY = "(none)";

    private final MeterRegistry registry = Metrics.globalRegistry();
    // Bounded: one entry per configured API key, plus NO_KEY.
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<RedisUnavailableException.Reason, Counter> fallbacks =
            new EnumMap<>(RedisUnavailableException.Reason.class);

    RateLimitMetrics() {
        for (RedisUnavailableException.Reason reason : RedisUnavailableException.Reason.values()) {
            fallbacks.put(reason, registry.getOrCreate(Counter.builder(FALLBACKS)
                                                               .tags(List.of(Tag.create("reason", reason.tag())))
                                                               .description("Requests the shared rate limit in Redis did"
                                                                            + " not decide, by reason")));
        }
    }

    /**
     * Publishes whether Redis is connected, replacing the gauge of an earlier gateway in the same JVM (tests start
     * several).
     *
     * @param connected tells whether a connection is up
     */
    void connected(BooleanSupplier connected) {
        registry.remove(CONNECTED, List.of());
        registry.getOrCreate(Gauge.builder(CONNECTED, connected, c -> c.getAsBoolean() ? 1 : 0)
                                     .description("1 while the gateway is connected to the rate limit's Redis, else 0"));
    }

    /**
     * Counts a 429.
     *
     * @param keyId the caller's API key id, or {@value #NO_KEY}
     */
    void rejected(String keyId) {
        rejected.computeIfAbsent(keyId, id -> registry.getOrCreate(Counter.builder(REJECTED)
                                                                           .tags(List.of(Tag.create("key_id", id)))
                                                                           .description("Requests rejected by the rate"
                                                                                        + " limit (429), by API key id")))
                .increment();
    }

    /**
     * Counts a request that Redis did not decide.
     *
     * @param reason why
     */
    void fallback(RedisUnavailableException.Reason reason) {
        fallbacks.get(reason).increment();
    }
}
