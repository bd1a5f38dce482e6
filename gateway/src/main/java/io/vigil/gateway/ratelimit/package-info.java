/**
 * Rate limits: a token bucket per caller of {@code /api/*} (per API key id, or per client address when authentication
 * is off), held in this gateway's memory or, with {@code gateway.rate-limit.redis.uri}, in Redis through Bucket4j's
 * Lettuce integration so that every gateway shares it; when Redis cannot answer in time, local buckets (fail-open) or a
 * 503 (fail-closed).
 *
 * <p>It owns the 429 and 503 problems it answers with and the {@code vigil_gateway_ratelimit_*} metrics. It knows the
 * {@link io.vigil.gateway.auth.Caller} that access control registers and nothing else of the gateway: it imports no proxy,
 * upstream or HTTP/1.1 client code.
 */
package io.vigil.gateway.ratelimit;
