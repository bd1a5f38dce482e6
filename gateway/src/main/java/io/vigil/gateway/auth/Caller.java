package io.vigil.gateway.auth;

/**
 * Who made a request, as far as access control knows: the id of the API key it presented, or its address when
 * authentication is off. Registered in the request context by {@link ApiKeyFilter}; rate limits are per caller.
 *
 * @param key  API key id, or client address
 * @param byApiKey whether {@code key} is an API key id
 */
public record Caller(String key, boolean byApiKey) {
}
