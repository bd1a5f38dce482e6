package io.vigil.gateway.proxy.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.faulttolerance.Retry;
import io.vigil.gateway.config.RetrySettings;

/**
 * The retry policy of an upstream for Helidon's {@link Retry}: exponential backoff with full jitter, at most
 * {@code max-attempts} calls, never past the deadline, and only while the {@link RetryBudget} has room.
 */
final class BackoffPolicy implements Retry.RetryPolicy {
    private final int maxAttempts;
    private final long baseMillis;
    private final long capMillis;
    private final long deadlineMillis;
    private final RetryBudget budget;
    private final RetryListener listener;

    BackoffPolicy(RetrySettings retry, Duration deadline, RetryBudget budget, RetryListener listener) {
        this.maxAttempts = retry.maxAttempts();
        this.baseMillis = retry.backoff().toMillis();
        this.capMillis = retry.maxBackoff().toMillis();
        this.deadlineMillis = deadline.toMillis();
        this.budget = budget;
        this.listener = listener;
    }

    @Override
    public Optional<Long> nextDelayMillis(long firstCallMillis, long lastDelay, int call) {
        if (call >= maxAttempts) {
            return Optional.empty();
        }
        long delay = delay(call);
        long elapsed = System.currentTimeMillis() - firstCallMillis;
        if (elapsed + delay >= deadlineMillis) {
            return Optional.empty();
        }
        if (!budget.tryRetry(System.nanoTime())) {
            listener.retry(false);
            return Optional.empty();
        }
        listener.retry(true);
        return Optional.of(delay);
    }

    /**
     * A random wait between zero and {@code min(max-backoff, backoff * 2^(retry - 1))}.
     *
     * @param retry 1 for the first retry
     * @return milliseconds to wait
     */
    long delay(int retry) {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(30, retry - 1));
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
