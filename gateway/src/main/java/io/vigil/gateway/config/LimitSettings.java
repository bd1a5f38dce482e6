package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * Bounds on what one client may ask of the gateway ({@code gateway.limits}).
 *
 * @param maxBodySize        largest request body; a larger one is a 413 ({@code max-body-size}, default 1 GiB)
 * @param bodyReadTimeout    longest wait for the next bytes of a request body while it is forwarded; then a
 *                           408 and the connection closes ({@code body-read-timeout}, default 30 s)
 * @param clientWriteTimeout longest a write of response bytes to a client that does not read may block; then the
 *                           connection closes ({@code client-write-timeout}, default 30 s)
 */
public record LimitSettings(long maxBodySize, Duration bodyReadTimeout, Duration clientWriteTimeout) {
    /** The defaults. */
    public static final LimitSettings DEFAULTS = new LimitSettings(1L << 30, Duration.ofSeconds(30), Duration.ofSeconds(30));

    /**
     * Reads and validates the {@code gateway.limits} section.
     *
     * @param limits the {@code gateway.limits} node (may be missing)
     * @return validated settings
     */
    public static LimitSettings create(Config limits) {
        return new LimitSettings(
                ConfigValues.bytesIn(limits.get("max-body-size"), DEFAULTS.maxBodySize(), 0, Long.MAX_VALUE),
                ConfigValues.durationIn(limits.get("body-read-timeout"), DEFAULTS.bodyReadTimeout(), Duration.ofMillis(1),
                                        Duration.ofHours(1)),
                ConfigValues.durationIn(limits.get("client-write-timeout"), DEFAULTS.clientWriteTimeout(), Duration.ofMillis(1),
                                        Duration.ofHours(1)));
    }
}
