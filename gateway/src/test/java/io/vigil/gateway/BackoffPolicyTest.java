package io.vigil.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class BackoffPolicyTest {
    @Test
    void waitsAreJitteredBelowAnExponentialCeiling() {
        BackoffPolicy policy = policy(new RetrySettings(10, Duration.ofMillis(100), Duration.ofMillis(350), 100, 100,
                                                        Duration.ofSeconds(10)), Duration.ofMinutes(1));
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1), lessThanOrEqualTo(100L));
            assertThat(policy.delay(2), lessThanOrEqualTo(200L));
            assertThat(policy.delay(3), lessThanOrEqualTo(350L));
            assertThat(policy.delay(30), lessThanOrEqualTo(350L));
            assertThat(policy.delay(3), greaterThanOrEqualTo(0L));
        }
    }

    @Test
    void retriesStopAtMaxAttemptsAtTheDeadlineAndWhenTheBudgetIsSpent() {
        RetrySettings retry = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(10), 0, 1, Duration.ofSeconds(10));
        BackoffPolicy policy = policy(retry, Duration.ofSeconds(5));
        long now = System.currentTimeMillis();

        assertThat(policy.nextDelayMillis(now, 0, 1).isPresent(), is(true));
        assertThat("the budget allowed one", policy.nextDelayMillis(now, 0, 2), is(Optional.empty()));
        assertThat(policy(retry, Duration.ofSeconds(5)).nextDelayMillis(now, 0, 3), is(Optional.empty()));
        assertThat("no retry past the deadline",
                   policy(retry, Duration.ofSeconds(5)).nextDelayMillis(now - 6_000, 0, 1), is(Optional.empty()));
    }

    @Test
    void noBackoffMeansRetryingAtOnce() {
        BackoffPolicy policy = policy(new RetrySettings(2, Duration.ZERO, Duration.ZERO, 100, 10, Duration.ofSeconds(10)),
                                      Duration.ofSeconds(5));
        assertThat(policy.delay(1), is(0L));
    }

    private static BackoffPolicy policy(RetrySettings retry, Duration deadline) {
        UpstreamSettings settings = new UpstreamSettings("unit", URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
                                                         Duration.ofSeconds(1), deadline, true, retry,
                                                         CircuitBreakerSettings.DEFAULTS, BulkheadSettings.DEFAULTS,
                                                         PoolSettings.DEFAULTS);
        return new BackoffPolicy(settings, RetryBudget.of(retry), new UpstreamMetrics("unit"));
    }
}
