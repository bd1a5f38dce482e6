package io.vigil.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vigil.common.config.ConfigLoader;
import io.vigil.common.config.InvalidConfigException;

import org.junit.jupiter.api.Test;
import io.vigil.health.check.BreakerSettings;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.CheckType;
import io.vigil.health.probe.Measurement;
import io.vigil.health.testing.HealthConfig;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HealthSettingsTest {
    @Test
    void aMissingSectionMeansDefaultsAndNoChecks() {
        HealthSettings settings = HealthConfig.settings("log: {level: info}");

        assertThat(settings.refreshInterval(), is(Duration.ofSeconds(5)));
        assertThat(settings.historySize(), is(20));
        assertThat(settings.serviceId(), is("vigil"));
        assertThat(settings.description(), is(HealthSettings.DEFAULT_DESCRIPTION));
        assertThat(settings.checks(), is(empty()));
    }

    @Test
    void everyTypeIsReadWithItsKeys() {
        HealthSettings settings = HealthConfig.settings("""
                health:
                  refresh-interval: PT2S
                  history-size: 5
                  service-id: test
                  description: test checks
                  checks:
                    - {name: web, type: http, url: "http://127.0.0.1:1/ready", expect-status: "200-204", expect-body: UP,
                       expect-json: {pointer: /status, equals: UP}, timeout: PT0.5S, warn-above: PT0.2S, critical: false,
                       circuit-breaker: {failures: 5, delay: PT10S}}
                    - {name: jaeger, type: tcp, host: 127.0.0.1, port: 14250}
                    - {name: resolver, type: DNS, host: localhost}
                    - {name: disk, type: disk, path: /tmp, min-free: 1.5GB}
                    - {name: heap, type: heap, max-used-ratio: 0.9}
                """);

        assertThat(settings.refreshInterval(), is(Duration.ofSeconds(2)));
        assertThat(settings.historySize(), is(5));
        assertThat(settings.serviceId(), is("test"));
        assertThat(settings.description(), is("test checks"));
        CheckSettings web = settings.checks().get(0);
        assertThat(web.name(), is("web"));
        assertThat(web.type(), is(CheckType.HTTP));
        assertThat(web.critical(), is(false));
        assertThat(web.timeout(), is(Duration.ofMillis(500)));
        assertThat(web.warnAbove(), is(Optional.of(Duration.ofMillis(200))));
        assertThat(web.breaker(), is(new BreakerSettings(5, Duration.ofSeconds(10))));
        assertThat(web.probe().getClass().getSimpleName(), is("HttpProbe"));
        CheckSettings jaeger = settings.checks().get(1);
        assertThat(jaeger.critical(), is(true));
        assertThat(jaeger.timeout(), is(CheckSettings.DEFAULT_TIMEOUT));
        assertThat(jaeger.warnAbove(), is(Optional.empty()));
        assertThat(jaeger.breaker(), is(BreakerSettings.DEFAULTS));
        assertThat(jaeger.probe().getClass().getSimpleName(), is("TcpProbe"));
        assertThat(settings.checks().get(2).probe().getClass().getSimpleName(), is("DnsProbe"));
        assertThat(settings.checks().get(3).probe().getClass().getSimpleName(), is("DiskProbe"));
        assertThat(settings.checks().get(4).probe().getClass().getSimpleName(), is("HeapProbe"));
    }

    @Test
    void theServicesOwnDefaultsAreValid() {
        HealthSettings settings = HealthSettings.create(ConfigLoader.load(Map.of()).get("health"));

        assertThat(settings.checks().stream().map(CheckSettings::name).toList(),
                   is(List.of("gateway", "logparse", "disk", "heap")));
        assertThat(settings.checks().get(0).probe().measurement(), is(Measurement.RESPONSE_TIME));
        assertThat(settings.refreshInterval(), is(Duration.ofSeconds(5)));
    }

    @Test
    void anUnknownTypeNamesTheCheckAndTheKey() {
        assertInvalid("""
                health:
                  checks:
                    - {name: ftp, type: ftp, host: x}
                """, "invalid configuration: check \"ftp\": health.checks.0.type = \"ftp\" "
                             + "(expected: one of http, tcp, dns, disk, heap)");
    }

    @Test
    void missingKeysNameTheCheckAndTheKey() {
        assertInvalid("health: {checks: [{type: http, url: 'http://x'}]}",
                      "invalid configuration: health.checks.0.name = \"\" "
                              + "(expected: a name of 1 to 64 letters, digits, '.', '_' or '-'; the key is required)");
        assertInvalid("health: {checks: [{name: a, url: 'http://x'}]}",
                      "invalid configuration: check \"a\": health.checks.0.type = \"\" "
                              + "(expected: one of http, tcp, dns, disk, heap; the key is required)");
        assertInvalid("health: {checks: [{name: web, type: http}]}",
                      "invalid configuration: check \"web\": health.checks.0.url = \"\" "
                              + "(expected: an absolute http(s) URI such as http://localhost:8082)");
        assertInvalid("health: {checks: [{name: ok, type: heap, max-used-ratio: 0.5}, {name: db, type: tcp, host: h}]}",
                      "invalid configuration: check \"db\": health.checks.1.port = \"\" "
                              + "(expected: a port 1..65535; the key is required)");
        assertInvalid("health: {checks: [{name: db, type: tcp, port: 5432}]}",
                      "invalid configuration: check \"db\": health.checks.0.host = \"\" "
                              + "(expected: a host name or address; the key is required)");
        assertInvalid("health: {checks: [{name: d, type: disk, path: /}]}",
                      "invalid configuration: check \"d\": health.checks.0.min-free = \"\" "
                              + "(expected: a size such as 512MB or 1GB (units are powers of 1024); the key is required)");
        assertInvalid("health: {checks: [{name: h, type: heap}]}",
                      "invalid configuration: check \"h\": health.checks.0.max-used-ratio = \"\" "
                              + "(expected: a ratio above 0 and at most 1, such as 0.9; the key is required)");
        assertInvalid("health: {checks: [{name: r, type: dns}]}",
                      "invalid configuration: check \"r\": health.checks.0.host = \"\" "
                              + "(expected: a host name; the key is required)");
    }

    @Test
    void invalidValuesNameTheCheckAndTheKey() {
        assertKey("{name: w, type: http, url: 'http://x', expect-status: '2xx'}", "health.checks.0.expect-status");
        assertKey("{name: w, type: http, url: 'http://x', expect-status: '299-200'}", "health.checks.0.expect-status");
        assertKey("{name: w, type: http, url: 'http://x', expect-json: {pointer: status}}", "health.checks.0.expect-json.pointer");
        assertKey("{name: w, type: http, url: 'http://x', expect-json: {equals: UP}}", "health.checks.0.expect-json.pointer");
        assertKey("{name: w, type: http, url: 'http://x', expect-json: {pointer: /a, eq: UP}}", "health.checks.0.expect-json.eq");
        assertKey("{name: w, type: http, url: 'http://x', timeout: PT0S}", "health.checks.0.timeout");
        assertKey("{name: w, type: http, url: 'http://x', timeout: PT1S, warn-above: PT1S}", "health.checks.0.warn-above");
        assertKey("{name: w, type: http, url: 'http://x', critical: maybe}", "health.checks.0.critical");
        assertKey("{name: w, type: http, url: 'http://x', circuit-breaker: {failures: 0}}", "health.checks.0.circuit-breaker.failures");
        assertKey("{name: w, type: http, url: 'http://x', circuit-breaker: {wait: PT1S}}", "health.checks.0.circuit-breaker.wait");
        assertKey("{name: t, type: tcp, host: h, port: 70000}", "health.checks.0.port");
        assertKey("{name: d, type: disk, min-free: lots}", "health.checks.0.min-free");
        assertKey("{name: d, type: disk, min-free: 1XB}", "health.checks.0.min-free");
        assertKey("{name: h, type: heap, max-used-ratio: 1.5}", "health.checks.0.max-used-ratio");
        assertKey("{name: h, type: heap, max-used-ratio: none}", "health.checks.0.max-used-ratio");
    }

    @Test
    void keysAnotherTypeHasAreTyposHere() {
        assertInvalid("health: {checks: [{name: h, type: heap, max-used-ratio: 0.9, warn-above: PT1S}]}",
                      "invalid configuration: check \"h\": health.checks.0.warn-above = \"PT1S\" (expected: a known key: "
                              + "circuit-breaker, critical, max-used-ratio, name, timeout, type)");
        assertKey("{name: w, type: http, url: 'http://x', expect-staus: 200}", "health.checks.0.expect-staus");
    }

    @Test
    void namesMustBeUniqueAndFitInAUrl() {
        assertInvalid("health: {checks: [{name: h, type: heap, max-used-ratio: 0.9}, {name: h, type: heap, max-used-ratio: 0.8}]"
                              + "}",
                      "invalid configuration: health.checks.1.name = \"h\" (expected: a name no other check has)");
        assertInvalid("health: {checks: [{name: 'a b', type: heap, max-used-ratio: 0.9}]}",
                      "invalid configuration: health.checks.0.name = \"a b\" "
                              + "(expected: a name of 1 to 64 letters, digits, '.', '_' or '-')");
    }

    @Test
    void sectionLevelValuesAreChecked() {
        assertInvalid("health: {checks: none}",
                      "invalid configuration: health.checks = \"none\" (expected: a list of checks)");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> HealthConfig.settings("health: {refresh-interval: soon}"));
        assertThat(e.key(), is("health.refresh-interval"));
        e = assertThrows(InvalidConfigException.class, () -> HealthConfig.settings("health: {history-size: 0}"));
        assertThat(e.key(), is("health.history-size"));
    }

    private static void assertInvalid(String yaml, String message) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> HealthConfig.settings(yaml));
        assertThat(e.getMessage(), is(message));
    }

    private static void assertKey(String check, String key) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> HealthConfig.settings("health: {checks: [" + check + "]}"));
        assertThat(e.getMessage(), e.key(), is(key));
        assertThat(e.getMessage(), e.getMessage().startsWith("invalid configuration: check \""), is(true));
    }
}
