package io.vigil.gateway;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import io.vigil.common.health.HealthStatus;

class AccessUnitsTest {
    @Test
    void eachCallerHasABucket() {
        RateLimiter limiter = new RateLimiter(new RateLimitSettings(1, 2, 1000));

        assertThat(limiter.tryAcquire("a"), is(0L));
        assertThat(limiter.tryAcquire("a"), is(0L));
        long wait = limiter.tryAcquire("a");
        assertThat(wait, greaterThan(0L));
        assertThat(wait, lessThanOrEqualTo(1_000_000_000L));
        assertThat(limiter.tryAcquire("b"), is(0L));
    }

    @Test
    void bucketsAreBounded() {
        RateLimiter limiter = new RateLimiter(new RateLimitSettings(1, 1, 10));
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("client-" + i);
        }
        assertThat(limiter.size(), lessThanOrEqualTo(10));
    }

    @Test
    void healthStatusesOrderAndParse() {
        assertThat(HealthStatus.PASS.worse(HealthStatus.WARN), is(HealthStatus.WARN));
        assertThat(HealthStatus.FAIL.worse(HealthStatus.WARN), is(HealthStatus.FAIL));
        assertThat(HealthStatus.parse("UP"), is(Optional.of(HealthStatus.PASS)));
        assertThat(HealthStatus.parse("ok"), is(Optional.of(HealthStatus.PASS)));
        assertThat(HealthStatus.parse("warn"), is(Optional.of(HealthStatus.WARN)));
        assertThat(HealthStatus.parse("down"), is(Optional.of(HealthStatus.FAIL)));
        assertThat(HealthStatus.parse("error"), is(Optional.of(HealthStatus.FAIL)));
        assertThat(HealthStatus.parse("meh"), is(Optional.empty()));
        assertThat(HealthStatus.parse(null), is(Optional.empty()));
        assertThat(HealthStatus.WARN.text(), is("warn"));
    }
}
