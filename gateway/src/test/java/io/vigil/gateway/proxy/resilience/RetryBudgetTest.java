package io.vigil.gateway.proxy.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vigil.gateway.config.RetrySettings;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class RetryBudgetTest {
    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    @Test
    void retriesStayWithinTheirShareOfRecentRequests() {
        RetryBudget budget = new RetryBudget(20, 0, WINDOW);
        long now = 1_000 * WINDOW;
        for (int i = 0; i < 100; i++) {
            budget.request(now);
        }
        int allowed = 0;
        while (budget.tryRetry(now)) {
            allowed++;
        }
        assertThat(allowed, is(20));
    }

    @Test
    void aQuietGatewayStillHasItsMinimum() {
        RetryBudget budget = new RetryBudget(20, 3, WINDOW);
        long now = 5 * WINDOW;
        budget.request(now);

        assertThat(budget.tryRetry(now), is(true));
        assertThat(budget.tryRetry(now), is(true));
        assertThat(budget.tryRetry(now), is(true));
        assertThat(budget.tryRetry(now), is(false));
    }

    @Test
    void oldTrafficLeavesTheWindow() {
        RetryBudget budget = new RetryBudget(50, 0, WINDOW);
        long start = 7 * WINDOW;
        for (int i = 0; i < 10; i++) {
            budget.request(start);
        }
        assertThat(budget.tryRetry(start), is(true));

        long later = start + 2 * WINDOW;
        assertThat("requests older than the window no longer earn retries", budget.tryRetry(later), is(false));
        budget.request(later);
        budget.request(later);
        assertThat(budget.tryRetry(later), is(true));
        assertThat(budget.tryRetry(later), is(false));
    }

    @Test
    void theUpstreamsSettingsShapeTheBudget() {
        RetryBudget budget = RetryBudget.of(new RetrySettings(3, Duration.ZERO, Duration.ZERO, 10, 0, Duration.ofSeconds(1),
                                                                 0));
        long now = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            budget.request(now);
        }
        int allowed = 0;
        while (budget.tryRetry(now)) {
            allowed++;
        }
        assertThat(allowed, lessThanOrEqualTo(3));
    }
}
