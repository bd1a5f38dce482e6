package io.vigil.gateway.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.lettuce.core.RedisURI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/**
 * The limiter against a real Redis (Debian's redis-server, see {@link RedisServer}): Redis that hangs, Redis that is
 * not there yet, Redis killed with {@code fail-closed}, and the keys it leaves in Redis. The shared limit across two
 * real gateways is proven in {@code io.vigil.gateway.SharedRateLimitIT}.
 */
class RateLimiterIT {
    /** What "answered promptly" means on a loaded CI machine: far below the seconds a hang would take. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    @Test
    void aHangingRedisCostsARequestAtMostItsTimeoutAndIsThenLeftAlone() throws Exception {
        Duration timeout = Duration.ofMillis(100);
        try (RateLimiter limiter = limiter(1, 5, timeout, OnFailure.FAIL_OPEN)) {
            awaitShared(limiter, "warm-up");
            long timeouts = fallbacks("timeout");
            long open = fallbacks("circuit-open");
            int granted = 0;
            long start = System.nanoTime();
            redis.pause();
            try {
                for (int i = 0; i < 40; i++) {
                    long t0 = System.nanoTime();
                    Decision decision = limiter.decide("hang-caller");
                    long tookNanos = System.nanoTime() - t0;
                    assertThat("decision " + i + " took " + tookNanos / 1_000_000 + " ms", tookNanos,
                               lessThan(timeout.plus(MARGIN).toNanos()));
                    assertThat(decision.verdict(), is(not(Decision.Verdict.UNAVAILABLE)));
                    granted += decision.verdict() == Decision.Verdict.GRANTED ? 1 : 0;
                }
            } finally {
                redis.resume();
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
            assertThat("the local bucket (burst 5, 1/s) decided", granted,
                       allOf(greaterThanOrEqualTo(5), lessThanOrEqualTo(5 + (int) seconds)));
            assertThat("requests waited for Redis until the timeout", fallbacks("timeout"), greaterThan(timeouts));
            assertThat("then the breaker stopped asking it", fallbacks("circuit-open"), greaterThan(open));
            awaitShared(limiter, "after-hang");
        }
    }

    @Test
    void startsWithoutRedisAndSharesOnceRedisAnswers() throws Exception {
        redis.kill();
        long disconnected = fallbacks("disconnected");
        try (RateLimiter limiter = limiter(1, 5, RedisSettings.DEFAULT_TIMEOUT, OnFailure.FAIL_OPEN)) {
            long t0 = System.nanoTime();
            assertThat(limiter.decide("early"), is(Decision.GRANTED));
            assertThat("no request waits on a connection", System.nanoTime() - t0, lessThan(MARGIN.toNanos()));
            assertThat(fallbacks("disconnected"), greaterThan(disconnected));

            redis.start();
            awaitShared(limiter, "late");
        }
    }

    @Test
    void failClosedAnswersUnavailableWhileRedisIsAway() throws Exception {
        try (RateLimiter limiter = limiter(1, 5, RedisSettings.DEFAULT_TIMEOUT, OnFailure.FAIL_CLOSED)) {
            awaitShared(limiter, "closed-caller");
            redis.kill();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                assertThat(limiter.decide("closed-caller"), is(Decision.UNAVAILABLE));
                assertThat(System.nanoTime() - t0, lessThan(RedisSettings.DEFAULT_TIMEOUT.plus(MARGIN).toNanos()));
            }
        }
    }

    @Test
    void keysExpireOnceTheBucketHasRefilledAndDifferentLimitsNeverShare() throws Exception {
        try (RateLimiter ten = limiter(10, 20, RedisSettings.DEFAULT_TIMEOUT, OnFailure.FAIL_OPEN);
                RateLimiter five = limiter(5, 20, RedisSettings.DEFAULT_TIMEOUT, OnFailure.FAIL_OPEN)) {
            awaitShared(ten, "ttl-caller", "*10/s:20:ttl-caller");
            awaitShared(five, "ttl-caller", "*5/s:20:ttl-caller");

            assertThat("one bucket per configured limit", redis.keys("*:ttl-caller"), is(2L));
            long ttl = redis.pttl("*10/s:20:ttl-caller");
            // One token taken at 10/s refills in 100 ms; the key is kept 5 s more.
            assertThat(ttl, allOf(greaterThan(0L), lessThanOrEqualTo(5_100L)));
        }
    }

    private RateLimiter limiter(int perSecond, int burst, Duration timeout, OnFailure onFailure) {
        RedisSettings shared = new RedisSettings(RedisURI.create(redis.uri()), timeout, onFailure);
        return new RateLimiter(new RateLimitSettings(perSecond, burst, 1000, Optional.of(shared)), new RateLimitMetrics());
    }

    /** Asks until the caller's bucket is in Redis: the limiter is connected and its breaker closed. */
    private void awaitShared(RateLimiter limiter, String caller) throws IOException, InterruptedException {
        awaitShared(limiter, caller, "*:" + caller);
    }

    private void awaitShared(RateLimiter limiter, String caller, String keyPattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            limiter.decide(caller);
            if (redis.keys(keyPattern) > 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the bucket of " + caller + " never reached Redis within 30 s");
    }

    private static long fallbacks(String reason) {
        return Metrics.globalRegistry().counter(RateLimitMetrics.FALLBACKS, List.of(Tag.create("reason", reason)))
                .map(Counter::count).orElse(0L);
    }
}
