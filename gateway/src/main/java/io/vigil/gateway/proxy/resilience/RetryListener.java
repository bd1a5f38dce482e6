package io.vigil.gateway.proxy.resilience;

/**
 * Told about every retry the policy decides on, for metrics.
 */
@FunctionalInterface
public interface RetryListener {
    /**
     * A retry was wanted.
     *
     * @param sent {@code true} when it goes ahead, {@code false} when the retry budget said no
     */
    void retry(boolean sent);
}
