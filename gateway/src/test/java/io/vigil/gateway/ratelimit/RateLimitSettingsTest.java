package io.vigil.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code gateway.rate-limit} settings, and the local buckets that need no Redis.
 */
class RateLimitSettingsTest {
    @Test
    void redisIsOffWithoutAUri() {
        assertThat(settings().redis(), is(Optional.empty()));
        assertThat(settings("gateway.rate-limit.redis.uri", " ").redis(), is(Optional.empty()));
        assertThat(settings(), is(RateLimitSettings.DEFAULTS));
    }

    @Test
    void theJarsDefaultsAreTheDefaultsWithoutRedis() {
        Config config = Config.just(ConfigSources.classpath("application.yaml"));
        assertThat(RateLimitSettings.create(config.get("gateway.rate-limit")), is(RateLimitSettings.DEFAULTS));
        assertThat(config.get("gateway.rate-limit.redis.timeout").asString().get(), is("PT0.05S"));
        assertThat(config.get("gateway.rate-limit.redis.on-failure").asString().get(), is("fail-open"));
    }

    @Test
    void readsTheRedisSection() {
        RedisSettings redis = settings("gateway.rate-limit.redis.uri", "redis://:s3cret@cache.internal:6380/2",
                                       "gateway.rate-limit.redis.timeout", "PT0.2S",
                                       "gateway.rate-limit.redis.on-failure", "fail-closed").redis().orElseThrow();

        assertThat(redis.uri().getHost(), is("cache.internal"));
        assertThat(redis.uri().getPort(), is(6380));
        assertThat(redis.uri().getDatabase(), is(2));
        assertThat(redis.timeout(), is(Duration.ofMillis(200)));
        assertThat(redis.onFailure(), is(OnFailure.FAIL_CLOSED));
        assertThat("logs never show the password", redis.safeUri(), is("redis://cache.internal:6380/2"));

        RedisSettings defaults = settings("gateway.rate-limit.redis.uri", "rediss://cache:6379").redis().orElseThrow();
        assertThat(defaults.timeout(), is(RedisSettings.DEFAULT_TIMEOUT));
        assertThat(defaults.onFailure(), is(OnFailure.FAIL_OPEN));
        assertThat(defaults.uri().isSsl(), is(true));
    }

    @Test
    void invalidRedisSettingsNameTheKeyButNotThePassword() {
        InvalidConfigException uri = assertThrows(InvalidConfigException.class,
                () -> settings("gateway.rate-limit.redis.uri", "http://:s3cret@cache:6379"));
        assertThat(uri.getMessage(), containsString("gateway.rate-limit.redis.uri = \"http://***@cache:6379\""));
        assertThat(uri.getMessage(), not(containsString("s3cret")));
        assertThrows(InvalidConfigException.class, () -> settings("gateway.rate-limit.redis.uri", "redis://"));
        InvalidConfigException timeout = assertThrows(InvalidConfigException.class,
                () -> settings("gateway.rate-limit.redis.uri", "redis://cache", "gateway.rate-limit.redis.timeout", "PT0S"));
        assertThat(timeout.getMessage(), containsString("gateway.rate-limit.redis.timeout"));
        InvalidConfigException mode = assertThrows(InvalidConfigException.class,
                () -> settings("gateway.rate-limit.redis.uri", "redis://cache", "gateway.rate-limit.redis.on-failure", "maybe"));
        assertThat(mode.getMessage(), containsString("gateway.rate-limit.redis.on-failure"));
    }

    @Test
    void eachCallerHasALocalBucket() {
        LocalBuckets buckets = new LocalBuckets(new RateLimitSettings(1, 2, 1000));

        assertThat(buckets.tryAcquire("a"), is(0L));
        assertThat(buckets.tryAcquire("a"), is(0L));
        long wait = buckets.tryAcquire("a");
        assertThat(wait, greaterThan(0L));
        assertThat(wait, lessThanOrEqualTo(1_000_000_000L));
        assertThat(buckets.tryAcquire("b"), is(0L));
    }

    @Test
    void localBucketsAreBounded() {
        LocalBuckets buckets = new LocalBuckets(new RateLimitSettings(1, 1, 10));
        for (int i = 0; i < 100; i++) {
            buckets.tryAcquire("client-" + i);
        }
        assertThat(buckets.size(), lessThanOrEqualTo(10));
    }

    @Test
    void withoutRedisTheLimiterUsesLocalBuckets() {
        try (RateLimiter limiter = new RateLimiter(new RateLimitSettings(1, 1, 10), new RateLimitMetrics())) {
            assertThat(limiter.decide("a"), is(Decision.GRANTED));
            Decision limited = limiter.decide("a");
            assertThat(limited.verdict(), is(Decision.Verdict.LIMITED));
            assertThat(limited.waitNanos(), greaterThan(0L));
        }
    }

    private static RateLimitSettings settings(String... pairs) {
        return RateLimitSettings.create(TestConfig.of(pairs).get("gateway.rate-limit"));
    }
}
