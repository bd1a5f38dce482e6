package io.vigil.gateway;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.Retry;

/**
 * The fault-tolerance policies of one upstream, built once from its settings with Helidon fault tolerance and
 * invoked synchronously on the request's virtual thread: a bulkhead around the whole exchange, and around each
 * attempt a circuit breaker, with retries (jittered backoff, retry budget) for bodiless idempotent requests.
 */
final class Resilience {
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RetryBudget budget;

    Resilience(UpstreamSettings settings, UpstreamMetrics metrics) {
        this.bulkhead = Bulkhead.builder()
                .name(settings.name() + "-bulkhead")
                .limit(settings.bulkhead().limit())
                .queueLength(settings.bulkhead().queue())
                .build();
        this.breaker = CircuitBreaker.builder()
                .name(settings.name() + "-circuit-breaker")
                .volume(settings.circuitBreaker().volume())
                .errorRatio(settings.circuitBreaker().errorRatio())
                .delay(settings.circuitBreaker().delay())
                .successThreshold(settings.circuitBreaker().successThreshold())
                .addApplyOn(UpstreamFailure.class)
                .addApplyOn(UpstreamErrorStatus.class)
                .build();
        this.budget = RetryBudget.of(settings.retry());
        this.retry = Retry.builder()
                .name(settings.name() + "-retry")
                .retryPolicy(new BackoffPolicy(settings, budget, metrics))
                .overallTimeout(settings.deadline().plus(Duration.ofSeconds(1)))
                .addApplyOn(UpstreamFailure.Retryable.class)
                .build();
        metrics.circuit(breaker);
    }

    /**
     * Runs a whole exchange inside the bulkhead: it holds its place until the response has been relayed.
     *
     * @param exchange the exchange
     * @param <T>      result type
     * @return the exchange's result
     * @throws io.helidon.faulttolerance.BulkheadException when the bulkhead and its queue are full
     */
    <T> T isolated(Supplier<T> exchange) {
        return bulkhead.invoke(exchange);
    }

    /**
     * Runs attempts until one yields a response head: through the circuit breaker, and retried when allowed.
     *
     * @param retryable whether the request has no body and an idempotent method
     * @param attempt   one attempt
     * @param <T>       result type
     * @return the first successful attempt's result
     * @throws io.helidon.faulttolerance.CircuitBreakerOpenException when the circuit is open
     * @throws UpstreamFailure                                       when the last attempt failed
     */
    <T> T attempts(boolean retryable, Supplier<T> attempt) {
        budget.request(System.nanoTime());
        Supplier<T> guarded = () -> breaker.invoke(attempt);
        return retryable ? retry.invoke(guarded) : guarded.get();
    }

    /**
     * The circuit breaker, for health reports.
     *
     * @return breaker
     */
    CircuitBreaker breaker() {
        return breaker;
    }
}
