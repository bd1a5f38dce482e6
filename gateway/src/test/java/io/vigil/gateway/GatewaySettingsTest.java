package io.vigil.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.ratelimit.RateLimitSettings;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatewaySettingsTest {
    private static final String[] UPSTREAMS = {"gateway.upstreams.logparse.base-uri", "http://logparse:8082",
                                               "gateway.upstreams.health.base-uri", "http://health.internal/base/"};

    @Test
    void readsBothUpstreamsWithDefaults() {
        GatewaySettings settings = settings("gateway.upstreams.logparse.read-timeout", "PT2M", "gateway.auth.mode", "none");

        UpstreamSettings logparse = settings.upstream("logparse");
        assertThat(logparse.baseUri(), is(URI.create("http://logparse:8082")));
        assertThat(logparse.connectTimeout(), is(Duration.ofSeconds(1)));
        assertThat(logparse.readTimeout(), is(Duration.ofMinutes(2)));
        assertThat(logparse.deadline(), is(Duration.ofSeconds(60)));
        assertThat(logparse.critical(), is(true));
        assertThat(logparse.retry(), is(RetrySettings.DEFAULTS));
        assertThat(logparse.circuitBreaker(), is(CircuitBreakerSettings.DEFAULTS));
        assertThat(logparse.bulkhead(), is(BulkheadSettings.DEFAULTS));
        assertThat(logparse.pool(), is(PoolSettings.DEFAULTS));
        assertThat(logparse.hostHeader() + " " + logparse.port() + " '" + logparse.pathPrefix() + "'",
                   is("logparse:8082 8082 ''"));
        UpstreamSettings health = settings.upstream("health");
        assertThat(health.hostHeader() + " " + health.port() + " " + health.pathPrefix(), is("health.internal 80 /base"));
        assertThat(settings.rateLimit(), is(RateLimitSettings.DEFAULTS));
        assertThat(settings.limits(), is(LimitSettings.DEFAULTS));
        assertThat(settings.health(), is(HealthSettings.DEFAULTS));
    }

    @Test
    void readsResilienceSettings() {
        GatewaySettings settings = settings("gateway.auth.mode", "none",
                                            "gateway.upstreams.logparse.deadline", "PT5S",
                                            "gateway.upstreams.logparse.critical", "false",
                                            "gateway.upstreams.logparse.retry.max-attempts", "1",
                                            "gateway.upstreams.logparse.retry.backoff", "PT2S",
                                            "gateway.upstreams.logparse.retry.budget.percent", "10",
                                            "gateway.upstreams.logparse.circuit-breaker.volume", "4",
                                            "gateway.upstreams.logparse.circuit-breaker.error-ratio", "75",
                                            "gateway.upstreams.logparse.bulkhead.limit", "2",
                                            "gateway.upstreams.logparse.bulkhead.queue", "0",
                                            "gateway.upstreams.logparse.pool.max-idle", "0",
                                            "gateway.limits.max-body-size", "64MiB",
                                            "gateway.rate-limit.requests-per-second", "500");

        UpstreamSettings logparse = settings.upstream("logparse");
        assertThat(logparse.deadline(), is(Duration.ofSeconds(5)));
        assertThat(logparse.critical(), is(false));
        assertThat(logparse.retry(), is(new RetrySettings(1, Duration.ofSeconds(2), Duration.ofSeconds(2), 10, 3,
                                                          Duration.ofSeconds(10))));
        assertThat(logparse.circuitBreaker(), is(new CircuitBreakerSettings(4, 75, Duration.ofSeconds(5), 2)));
        assertThat(logparse.bulkhead(), is(new BulkheadSettings(2, 0)));
        assertThat(logparse.pool().maxIdle(), is(0));
        assertThat(settings.limits().maxBodySize(), is(64L << 20));
        assertThat(settings.rateLimit(), is(new RateLimitSettings(500, 500, 100_000)));
    }

    @Test
    void apiKeysAreRequiredByDefault() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> settings());

        assertThat(e.key(), is("gateway.auth.keys"));
    }

    @Test
    void readsApiKeyDigests() {
        GatewaySettings settings = settings("gateway.auth.keys.0.id", "ci-pipeline",
                                            "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256.toUpperCase(),
                                            "gateway.auth.keys.1.id", "ops",
                                            "gateway.auth.keys.1.sha256", "a".repeat(64));

        assertThat(settings.auth().mode(), is(AuthMode.API_KEY));
        assertThat(settings.auth().keys(), is(List.of(new ApiKey("ci-pipeline", Gateways.KEY_SHA256),
                                                      new ApiKey("ops", "a".repeat(64)))));
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertKey("gateway.auth.keys.0.sha256", "gateway.auth.keys.0.id", "a", "gateway.auth.keys.0.sha256", "not-hex");
        assertKey("gateway.auth.keys.0.id", "gateway.auth.keys.0.id", "has space", "gateway.auth.keys.0.sha256",
                  "a".repeat(64));
        assertKey("gateway.auth.keys", "gateway.auth.keys.0.id", "a", "gateway.auth.keys.0.sha256", "a".repeat(64),
                  "gateway.auth.keys.1.id", "a", "gateway.auth.keys.1.sha256", "b".repeat(64));
        assertKey("gateway.auth.mode", "gateway.auth.mode", "open");
        assertKey("gateway.upstreams.health.base-uri", "gateway.auth.mode", "none",
                  "gateway.upstreams.health.base-uri", "https://health.internal");
        assertKey("gateway.upstreams.logparse.critical", "gateway.auth.mode", "none",
                  "gateway.upstreams.logparse.critical", "maybe");
        assertKey("gateway.upstreams.logparse.circuit-breaker.error-ratio", "gateway.auth.mode", "none",
                  "gateway.upstreams.logparse.circuit-breaker.error-ratio", "0");
        assertKey("gateway.limits.max-body-size", "gateway.auth.mode", "none", "gateway.limits.max-body-size", "lots");
        assertKey("gateway.health.probe-path", "gateway.auth.mode", "none", "gateway.health.probe-path", "ready");
    }

    @Test
    void aMissingUpstreamNamesTheKeyToSet() {
        Config config = TestConfig.of("gateway.upstreams.logparse.base-uri", "http://logparse:8082", "gateway.auth.mode", "none");

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> GatewaySettings.create(config.get("gateway")));
        assertThat(e.key(), is("gateway.upstreams.health.base-uri"));
    }

    @Test
    void anUnknownUpstreamIsAProgrammingError() {
        GatewaySettings settings = settings("gateway.auth.mode", "none");

        assertThrows(IllegalArgumentException.class, () -> settings.upstream("billing"));
    }

    private static GatewaySettings settings(String... pairs) {
        String[] all = new String[UPSTREAMS.length + pairs.length];
        System.arraycopy(UPSTREAMS, 0, all, 0, UPSTREAMS.length);
        System.arraycopy(pairs, 0, all, UPSTREAMS.length, pairs.length);
        return GatewaySettings.create(TestConfig.of(all).get("gateway"));
    }

    private static void assertKey(String key, String... pairs) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> settings(pairs));
        assertThat(e.getMessage(), e.key(), is(key));
    }
}
