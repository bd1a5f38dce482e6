package io.vigil.gateway.ratelimit;

import java.util.Optional;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * The token bucket each caller gets ({@code gateway.rate-limit}): per API key, or per client address when
 * authentication is off; in this gateway's memory, or shared by every gateway in Redis.
 *
 * @param requestsPerSecond sustained rate ({@code requests-per-second}, default 100)
 * @param burst             bucket size: requests allowed at once after a quiet spell ({@code burst}, default 200)
 * @param maxClients        local buckets kept; beyond that idle ones are dropped first ({@code max-clients}, default 100000)
 * @param redis             where shared buckets live ({@code redis}); empty: local buckets only
 */
public record RateLimitSettings(int requestsPerSecond, int burst, int maxClients, Optional<RedisSettings> redis) {
    /** The defaults. */
    public static final RateLimitSettings DEFAULTS = new RateLimitSettings(100, 200, 100_000);

    /**
     * Settings with local buckets only.
     *
     * @param requestsPerSecond sustained rate
     * @param burst             bucket size
     * @param maxClients        local buckets kept
     */
    public RateLimitSettings(int requestsPerSecond, int burst, int maxClients) {
        this(requestsPerSecond, burst, maxClients, Optional.empty());
    }

    /**
     * Reads and validates the {@code gateway.rate-limit} section.
     *
     * @param rateLimit the {@code gateway.rate-limit} node (may be missing)
     * @return validated settings
     * @throws io.vigil.common.config.InvalidConfigException naming the first invalid key
     */
    public static RateLimitSettings create(Config rateLimit) {
        int rate = ConfigValues.intIn(rateLimit.get("requests-per-second"), DEFAULTS.requestsPerSecond(), 1, 100_000_000);
        return new RateLimitSettings(rate,
                                     ConfigValues.intIn(rateLimit.get("burst"), Math.max(rate, DEFAULTS.burst()), 1,
                                                        100_000_000),
                                     ConfigValues.intIn(rateLimit.get("max-clients"), DEFAULTS.maxClients(), 1, 10_000_000),
                                     RedisSettings.create(rateLimit.get("redis")));
    }
}
