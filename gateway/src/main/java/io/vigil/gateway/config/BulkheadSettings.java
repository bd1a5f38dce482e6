package io.vigil.gateway.config;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * How many requests may use an upstream at once ({@code gateway.upstreams.<name>.bulkhead}); a request holds
 * its place until its response has been relayed, so one slow upstream cannot take every gateway thread.
 *
 * @param limit requests in progress at once ({@code limit}, default 256)
 * @param queue requests that may wait for a place; beyond that a 503 ({@code queue}, default 256)
 */
public record BulkheadSettings(int limit, int queue) {
    /** The defaults. */
    public static final BulkheadSettings DEFAULTS = new BulkheadSettings(256, 256);

    /**
     * Reads and validates the {@code bulkhead} section of an upstream.
     *
     * @param bulkhead the {@code bulkhead} node (may be missing)
     * @return validated settings
     */
    public static BulkheadSettings create(Config bulkhead) {
        return new BulkheadSettings(ConfigValues.intIn(bulkhead.get("limit"), DEFAULTS.limit(), 1, 100_000),
                                    ConfigValues.intIn(bulkhead.get("queue"), DEFAULTS.queue(), 0, 100_000));
    }
}
