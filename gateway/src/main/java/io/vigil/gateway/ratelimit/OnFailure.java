package io.vigil.gateway.ratelimit;

/**
 * What a request gets when Redis cannot decide in time ({@code gateway.rate-limit.redis.on-failure}).
 */
public enum OnFailure {
    /** The gateway's own local bucket for the caller decides (the default): available, but each gateway grants the limit. */
    FAIL_OPEN,
    /** A 503 problem with {@code Retry-After}: the limit is never exceeded, and nothing is served while Redis is away. */
    FAIL_CLOSED
}
