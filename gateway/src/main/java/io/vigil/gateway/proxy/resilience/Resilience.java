package io.vigil.gateway.proxy.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.Retry;
import io.vigil.gateway.config.BulkheadSettings;
import io.vigil.gateway.config.RetrySettings;

/**
 * The fault-tolerance policies of one upstream, built once from its settings with Helidon fault tolerance and invoked
 * synchronously on the request's virtual thread: a bulkhead around the whole exchange, and retries (jittered backoff,
 * a retry budget shared by all of the upstream's routes) around its attempts. Each endpoint has its own circuit
 * breaker (in {@code endpoint}); which failures may be retried is the proxy's decision, marked by their type.
 */
public final class Resilience {
    private final String name;
    private final RetrySettings settings;
    private final Bulkhead bulkhead;
    private final RetryBudget budget;
    private final RetryListener listener;

    /**
     * Creates the policies of an upstream.
     *
     * @param name     the upstream's name
     * @param retry    its retry settings
     * @param bulkhead its bulkhead settings
     * @param listener told about retries
     */
    public Resilience(String name, RetrySettings retry, BulkheadSettings bulkhead, RetryListener listener) {
        this.name = name;
        this.settings = retry;
        this.bulkhead = Bulkhead.builder()
                .name(name + "-bulkhead")
                .limit(bulkhead.limit())
                .queueLength(bulkhead.queue())
                .build();
        this.budget = RetryBudget.of(retry);
        this.listener = listener;
    }

    /**
     * A retry policy for requests with the given deadline (each route has its own), sharing the upstream's budget.
     *
     * @param deadline the requests' deadline: no retry would start past it
     * @param retryOn  the failures that may be retried
     * @return the policy
     */
    public Retry retry(Duration deadline, Class<? extends Throwable> retryOn) {
        return Retry.builder()
                .name(name + "-retry")
                .retryPolicy(new BackoffPolicy(settings, deadline, budget, listener))
                .overallTimeout(deadline.plus(Duration.ofSeconds(1)))
                .addApplyOn(retryOn)
                .build();
    }

    /**
     * Runs a whole exchange inside the bulkhead: it holds its place until the response has been relayed.
     *
     * @param exchange the exchange
     * @param <T>      result type
     * @return the exchange's result
     * @throws io.helidon.faulttolerance.BulkheadException when the bulkhead and its queue are full
     */
    public <T> T isolated(Supplier<T> exchange) {
        return bulkhead.invoke(exchange);
    }

    /**
     * Runs attempts until one yields an answer, retried as the policy and the budget allow.
     *
     * @param retry   the route's retry policy
     * @param attempt one attempt
     * @param <T>     result type
     * @return the first successful attempt's result
     */
    public <T> T attempts(Retry retry, Supplier<T> attempt) {
        budget.request(System.nanoTime());
        return retry.invoke(attempt);
    }

    /**
     * The most attempts a request gets.
     *
     * @return attempts, the first included
     */
    public int maxAttempts() {
        return settings.maxAttempts();
    }
}
