package io.vigil.gateway.proxy.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Optional;

import io.vigil.gateway.config.RetrySettings;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class BackoffPolicyTest {
    private static final int DRAWS = 2_000;

    @Test
    void waitsAreJitteredOverTheWholeRangeBelowAnExponentialCeiling() {
        BackoffPolicy policy = policy(new RetrySettings(10, Duration.ofMillis(100), Duration.ofMillis(350), 100, 100,
                                                        Duration.ofSeconds(10), 0), Duration.ofMinutes(1));
        assertFullJitter(policy, 1, 100);
        assertFullJitter(policy, 2, 200);
        assertFullJitter(policy, 3, 350);
        assertFullJitter(policy, 30, 350);
    }

    @Test
    void retriesStopAtMaxAttemptsAtTheDeadlineAndWhenTheBudgetIsSpent() {
        RetrySettings retry = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(10), 0, 1, Duration.ofSeconds(10),
                                                0);
        List<Boolean> told = new ArrayList<>();
        BackoffPolicy policy = new BackoffPolicy(retry, Duration.ofSeconds(5), RetryBudget.of(retry), told::add);
        long now = System.currentTimeMillis();

        Optional<Long> first = policy.nextDelayMillis(now, 0, 1);
        assertThat(first.isPresent(), is(true));
        assertThat(first.get(), lessThanOrEqualTo(10L));
        assertThat("the budget allowed one", policy.nextDelayMillis(now, 0, 2), is(Optional.empty()));
        assertThat("the listener heard the retry and the refusal", told, is(List.of(true, false)));
        assertThat(policy(retry, Duration.ofSeconds(5)).nextDelayMillis(now, 0, 3), is(Optional.empty()));
        assertThat("no retry past the deadline",
                   policy(retry, Duration.ofSeconds(5)).nextDelayMillis(now - 6_000, 0, 1), is(Optional.empty()));
    }

    @Test
    void noBackoffMeansRetryingAtOnce() {
        BackoffPolicy policy = policy(new RetrySettings(2, Duration.ZERO, Duration.ZERO, 100, 10, Duration.ofSeconds(10), 0),
                                      Duration.ofSeconds(5));
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delay(1), is(0L));
        }
    }

    /**
     * Full jitter draws uniformly from 0 to the ceiling: never above it, and over many draws both ends of the range
     * show up and the mean is near the middle. A policy that always waited the ceiling, or never waited, fails.
     */
    private static void assertFullJitter(BackoffPolicy policy, int retry, long ceiling) {
        LongSummaryStatistics draws = new LongSummaryStatistics();
        for (int i = 0; i < DRAWS; i++) {
            draws.accept(policy.delay(retry));
        }
        String which = "retry " + retry;
        assertThat(which, draws.getMax(), lessThanOrEqualTo(ceiling));
        assertThat(which + ": some waits are short", draws.getMin(), lessThan(ceiling / 10));
        assertThat(which + ": some waits are long", draws.getMax(), greaterThan(ceiling * 9 / 10));
        assertThat(which + ": the mean is near half the ceiling", draws.getAverage(), greaterThan(ceiling * 0.4));
        assertThat(which + ": the mean is near half the ceiling", draws.getAverage(), lessThan(ceiling * 0.6));
    }

    private static BackoffPolicy policy(RetrySettings retry, Duration deadline) {
        return new BackoffPolicy(retry, deadline, RetryBudget.of(retry), sent -> { });
    }
}
