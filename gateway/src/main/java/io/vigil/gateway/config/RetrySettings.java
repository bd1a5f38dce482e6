package io.vigil.gateway.config;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * How an upstream's failed requests are retried ({@code gateway.upstreams.<name>.retry}), on another endpoint when
 * there is one: any request that never reached an upstream while its body can still be sent again, idempotent ones
 * also after a broken exchange or a 502/503 from an endpoint that is going away.
 *
 * @param maxAttempts     attempts in total, the first included ({@code max-attempts}, default 3; 1 turns retries off)
 * @param backoff         base of the exponential backoff before a retry ({@code backoff}, default 50 ms)
 * @param maxBackoff      longest backoff ({@code max-backoff}, default 1 s); each wait is drawn at random
 *                        between zero and {@code min(max-backoff, backoff * 2^(retry-1))} ("full jitter")
 * @param budgetPercent   retries may be at most this percentage of the requests in the window
 *                        ({@code budget.percent}, default 20)
 * @param budgetMinimum   retries allowed in every window regardless of traffic, so that a quiet gateway, or one
 *                        whose window holds only a few requests when a replica dies, still retries
 *                        ({@code budget.min-retries}, default 100: Finagle's reserve of 10 a second over 10 s)
 * @param budgetWindow    how far back "recent requests" reach ({@code budget.window}, default 10 s)
 * @param replayBuffer    the first bytes of a request body kept so that the request can be sent again elsewhere
 *                        ({@code replay-buffer}, default 64 KiB; a longer body is not retried once it started to flow)
 */
public record RetrySettings(int maxAttempts, Duration backoff, Duration maxBackoff, int budgetPercent, int budgetMinimum,
                            Duration budgetWindow, int replayBuffer) {
    /** The defaults. */
    public static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofMillis(50), Duration.ofSeconds(1), 20, 100,
                                                                   Duration.ofSeconds(10), 64 * 1024);

    /**
     * Reads and validates the {@code retry} section of an upstream.
     *
     * @param retry the {@code retry} node (may be missing)
     * @return validated settings
     */
    public static RetrySettings create(Config retry) {
        Duration backoff = ConfigValues.durationIn(retry.get("backoff"), DEFAULTS.backoff(), Duration.ZERO,
                                                   Duration.ofMinutes(1));
        Duration maxBackoffDefault = backoff.compareTo(DEFAULTS.maxBackoff()) > 0 ? backoff : DEFAULTS.maxBackoff();
        return new RetrySettings(
                ConfigValues.intIn(retry.get("max-attempts"), DEFAULTS.maxAttempts(), 1, 10),
                backoff,
                ConfigValues.durationIn(retry.get("max-backoff"), maxBackoffDefault, backoff, Duration.ofMinutes(1)),
                ConfigValues.intIn(retry.get("budget.percent"), DEFAULTS.budgetPercent(), 0, 100),
                ConfigValues.intIn(retry.get("budget.min-retries"), DEFAULTS.budgetMinimum(), 0, 1_000_000),
                ConfigValues.durationIn(retry.get("budget.window"), DEFAULTS.budgetWindow(), Duration.ofSeconds(1),
                                        Duration.ofHours(1)),
                (int) ConfigValues.bytesIn(retry.get("replay-buffer"), DEFAULTS.replayBuffer(), 0, 16L << 20));
    }
}
