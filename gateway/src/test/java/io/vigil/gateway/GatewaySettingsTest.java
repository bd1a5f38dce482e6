package io.vigil.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.auth.ApiKey;
import io.vigil.gateway.auth.AuthMode;
import io.vigil.gateway.config.BulkheadSettings;
import io.vigil.gateway.config.CircuitBreakerSettings;
import io.vigil.gateway.config.HealthSettings;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.config.OutlierSettings;
import io.vigil.gateway.config.PoolSettings;
import io.vigil.gateway.config.ProbeSettings;
import io.vigil.gateway.config.RetrySettings;
import io.vigil.gateway.config.RouteSettings;
import io.vigil.gateway.config.Timeouts;
import io.vigil.gateway.config.UpstreamSettings;
import io.vigil.gateway.ratelimit.RateLimitSettings;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatewaySettingsTest {
    private static final String[] UPSTREAMS = {"gateway.upstreams.logparse.endpoints", "http://logparse:8082",
                                               "gateway.upstreams.health.endpoints", "http://health.internal/"};

    @Test
    void readsBothUpstreamsWithDefaults() {
        GatewaySettings settings = settings("gateway.upstreams.logparse.read-timeout", "PT2M", "gateway.auth.mode", "none");

        UpstreamSettings logparse = settings.upstream("logparse");
        assertThat(logparse.discovery().endpoints(), is(List.of(URI.create("http://logparse:8082"))));
        assertThat(logparse.discovery().dns(), is(Optional.empty()));
        assertThat(logparse.discovery().interval(), is(Duration.ofSeconds(5)));
        assertThat(logparse.timeouts(), is(new Timeouts(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(60))));
        assertThat(logparse.critical(), is(true));
        assertThat(logparse.retry(), is(RetrySettings.DEFAULTS));
        assertThat(logparse.retry().replayBuffer(), is(64 * 1024));
        assertThat(logparse.circuitBreaker(), is(CircuitBreakerSettings.DEFAULTS));
        assertThat(logparse.bulkhead(), is(BulkheadSettings.DEFAULTS));
        assertThat(logparse.pool(), is(PoolSettings.DEFAULTS));
        assertThat(logparse.outlierEjection(), is(OutlierSettings.DEFAULTS));
        assertThat(logparse.probe(), is(ProbeSettings.DEFAULTS));
        assertThat("the port is always explicit", settings.upstream("health").discovery().endpoints(),
                   is(List.of(URI.create("http://health.internal:80"))));
        assertThat(settings.rateLimit(), is(RateLimitSettings.DEFAULTS));
        assertThat(settings.limits(), is(LimitSettings.DEFAULTS));
        assertThat(settings.health(), is(HealthSettings.DEFAULTS));
    }

    @Test
    void theDefaultRoutesAreThePublicApi() {
        List<RouteSettings> routes = settings("gateway.auth.mode", "none").routes();

        assertThat(routes.stream().map(RouteSettings::prefix).toList(), is(List.of("/api/v1/health/checks", "/api/v1/logs")));
        RouteSettings logs = routes.get(1);
        assertThat(logs.upstreamPath("/api/v1/logs/analyze"), is("/v1/analyze"));
        assertThat(logs.forwards("POST", "/api/v1/logs/analyze"), is(true));
        assertThat(logs.forwards("GET", "/api/v1/logs/analyze"), is(false));
        assertThat(logs.forwards("GET", "/api/v1/logs/formats"), is(true));
        assertThat(logs.forwards("GET", "/api/v1/logsx"), is(false));
        assertThat(logs.timeouts(), is(Timeouts.DEFAULTS));
        assertThat(logs.maxBodySize(), is(LimitSettings.DEFAULTS.maxBodySize()));
        RouteSettings checks = routes.get(0);
        assertThat(checks.upstreamPath("/api/v1/health/checks"), is("/v1/checks"));
        assertThat(checks.upstreamPath("/api/v1/health/checks/disk"), is("/v1/checks/disk"));
        assertThat(checks.forwards("GET", "/api/v1/health/checks/disk"), is(true));
        assertThat(checks.forwards("GET", "/api/v1/health/checks/disk/more"), is(false));
        assertThat(checks.forwards("GET", "/api/v1/health/checks/"), is(false));
    }

    @Test
    void routesComeFromConfigurationWithTheirOwnTimeoutsAndLimits() {
        GatewaySettings settings = settings("gateway.auth.mode", "none",
                                            "gateway.upstreams.billing.endpoints", "http://billing:9000",
                                            "gateway.upstreams.billing.deadline", "PT7S",
                                            "gateway.limits.max-body-size", "1MiB",
                                            "gateway.routes.0.prefix", "/api/v1/billing",
                                            "gateway.routes.0.upstream", "billing",
                                            "gateway.routes.0.rewrite", "/",
                                            "gateway.routes.0.read-timeout", "PT3S",
                                            "gateway.routes.0.max-body-size", "10KiB",
                                            "gateway.routes.1.prefix", "/api/v1/billing/reports",
                                            "gateway.routes.1.upstream", "billing");

        RouteSettings billing = settings.routes().get(1);
        assertThat(billing.timeouts(), is(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7))));
        assertThat(billing.maxBodySize(), is(10_240L));
        assertThat(billing.upstreamPath("/api/v1/billing/invoices"), is("/invoices"));
        assertThat(billing.upstreamPath("/api/v1/billing"), is("/"));
        assertThat("no operations listed: everything below the prefix", billing.forwards("DELETE", "/api/v1/billing/x"),
                   is(true));
        assertThat("the longest prefix comes first", settings.routes().get(0).prefix(), is("/api/v1/billing/reports"));
        assertThat(settings.routes().get(0).upstreamPath("/api/v1/billing/reports/1"), is("/api/v1/billing/reports/1"));
    }

    @Test
    void endpointsAreAListACommaSeparatedValueOrADnsName() {
        Config config = TestConfig.of("gateway.auth.mode", "none",
                                      "gateway.upstreams.logparse.endpoints.0", "http://10.0.0.1:8082",
                                      "gateway.upstreams.logparse.endpoints.1", "http://10.0.0.2:8082",
                                      "gateway.upstreams.health.endpoints", "http://a:1, http://b:2,http://a:1",
                                      "gateway.upstreams.metrics.dns", "http://metrics-endpoints:9090",
                                      "gateway.upstreams.metrics.discovery-interval", "PT2S",
                                      "gateway.upstreams.metrics.endpoints", "http://ignored:1");
        GatewaySettings settings = GatewaySettings.create(config.get("gateway"));

        assertThat(settings.upstream("logparse").discovery().endpoints(),
                   is(List.of(URI.create("http://10.0.0.1:8082"), URI.create("http://10.0.0.2:8082"))));
        assertThat(settings.upstream("health").discovery().endpoints(), is(List.of(URI.create("http://a:1"),
                                                                                     URI.create("http://b:2"))));
        UpstreamSettings metrics = settings.upstream("metrics");
        assertThat("dns replaces the list", metrics.discovery().endpoints(), is(List.of()));
        assertThat(metrics.discovery().dns(), is(Optional.of(URI.create("http://metrics-endpoints:9090"))));
        assertThat(metrics.discovery().interval(), is(Duration.ofSeconds(2)));
    }

    @Test
    void readsResilienceSettings() {
        GatewaySettings settings = settings("gateway.auth.mode", "none",
                                            "gateway.upstreams.logparse.deadline", "PT5S",
                                            "gateway.upstreams.logparse.critical", "false",
                                            "gateway.upstreams.logparse.retry.max-attempts", "1",
                                            "gateway.upstreams.logparse.retry.backoff", "PT2S",
                                            "gateway.upstreams.logparse.retry.budget.percent", "10",
                                            "gateway.upstreams.logparse.retry.replay-buffer", "1KiB",
                                            "gateway.upstreams.logparse.circuit-breaker.volume", "4",
                                            "gateway.upstreams.logparse.circuit-breaker.error-ratio", "75",
                                            "gateway.upstreams.logparse.bulkhead.limit", "2",
                                            "gateway.upstreams.logparse.bulkhead.queue", "0",
                                            "gateway.upstreams.logparse.pool.max-idle", "0",
                                            "gateway.upstreams.logparse.outlier-ejection.consecutive-failures", "3",
                                            "gateway.upstreams.logparse.outlier-ejection.base-time", "PT10S",
                                            "gateway.upstreams.logparse.outlier-ejection.max-percent", "34",
                                            "gateway.upstreams.logparse.probe.interval", "PT0.2S",
                                            "gateway.upstreams.logparse.probe.path", "/ready",
                                            "gateway.limits.max-body-size", "64MiB",
                                            "gateway.rate-limit.requests-per-second", "500");

        UpstreamSettings logparse = settings.upstream("logparse");
        assertThat(logparse.timeouts().deadline(), is(Duration.ofSeconds(5)));
        assertThat(logparse.critical(), is(false));
        assertThat(logparse.retry(), is(new RetrySettings(1, Duration.ofSeconds(2), Duration.ofSeconds(2), 10, 100,
                                                          Duration.ofSeconds(10), 1024)));
        assertThat(logparse.circuitBreaker(), is(new CircuitBreakerSettings(4, 75, Duration.ofSeconds(5), 2)));
        assertThat(logparse.bulkhead(), is(new BulkheadSettings(2, 0)));
        assertThat(logparse.pool().maxIdle(), is(0));
        assertThat(logparse.outlierEjection(), is(new OutlierSettings(3, Duration.ofSeconds(10), Duration.ofSeconds(300), 34)));
        assertThat(logparse.probe(), is(new ProbeSettings("/ready", Duration.ofMillis(200), Duration.ofSeconds(1))));
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
        assertKey("gateway.upstreams.health.endpoints", "gateway.auth.mode", "none",
                  "gateway.upstreams.health.endpoints", "https://health.internal");
        assertKey("gateway.upstreams.health.endpoints", "gateway.auth.mode", "none",
                  "gateway.upstreams.health.endpoints", "http://health.internal/base");
        assertKey("gateway.upstreams.health.dns", "gateway.auth.mode", "none", "gateway.upstreams.health.dns", "health:80");
        assertKey("gateway.upstreams.logparse.critical", "gateway.auth.mode", "none",
                  "gateway.upstreams.logparse.critical", "maybe");
        assertKey("gateway.upstreams.logparse.circuit-breaker.error-ratio", "gateway.auth.mode", "none",
                  "gateway.upstreams.logparse.circuit-breaker.error-ratio", "0");
        assertKey("gateway.upstreams.logparse.outlier-ejection.max-percent", "gateway.auth.mode", "none",
                  "gateway.upstreams.logparse.outlier-ejection.max-percent", "101");
        assertKey("gateway.limits.max-body-size", "gateway.auth.mode", "none", "gateway.limits.max-body-size", "lots");
        assertKey("gateway.upstreams.logparse.probe.path", "gateway.auth.mode", "none",
                  "gateway.upstreams.logparse.probe.path", "ready");
        assertKey("gateway.routes.0.prefix", "gateway.auth.mode", "none", "gateway.routes.0.prefix", "/v1/logs",
                  "gateway.routes.0.upstream", "logparse");
        assertKey("gateway.routes.0.prefix", "gateway.auth.mode", "none", "gateway.routes.0.prefix", "/api/../x",
                  "gateway.routes.0.upstream", "logparse");
        assertKey("gateway.routes.0.upstream", "gateway.auth.mode", "none", "gateway.routes.0.prefix", "/api/x",
                  "gateway.routes.0.upstream", "billing");
        assertKey("gateway.routes.0.max-body-size", "gateway.auth.mode", "none", "gateway.routes.0.prefix", "/api/x",
                  "gateway.routes.0.upstream", "logparse", "gateway.routes.0.max-body-size", "2GiB");
        assertKey("gateway.routes.1.prefix", "gateway.auth.mode", "none", "gateway.routes.0.prefix", "/api/x",
                  "gateway.routes.0.upstream", "logparse", "gateway.routes.1.prefix", "/api/x",
                  "gateway.routes.1.upstream", "health");
        assertKey("gateway.routes.0.operations", "gateway.auth.mode", "none", "gateway.routes.0.prefix", "/api/x",
                  "gateway.routes.0.upstream", "logparse", "gateway.routes.0.operations", "GET /api/y");
    }

    @Test
    void aMissingUpstreamNamesTheKeyToSet() {
        Config config = TestConfig.of("gateway.upstreams.logparse.endpoints", "http://logparse:8082", "gateway.auth.mode", "none");

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> GatewaySettings.create(config.get("gateway")));
        assertThat(e.key(), is("gateway.upstreams.health.endpoints"));
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
