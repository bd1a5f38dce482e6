package io.vigil.health;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.vigil.health.testing.HangingServer;
import io.vigil.health.testing.HealthConfig;
import io.vigil.health.testing.StubHttpServer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * health-service as it runs: started by the common bootstrap from YAML configuration, checking real
 * servers on 127.0.0.1, called over HTTP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthServiceIT {
    private final StubHttpServer slow = StubHttpServer.start();
    private HangingServer hanging;
    private VigilService service;

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.shutdown();
        }
        if (hanging != null) {
            hanging.close();
        }
        slow.close();
    }

    @Test
    void aHangingDependencyNeverSlowsTheReport() throws InterruptedException {
        // Circuits kept closed: every refresh probes the hanging dependencies while requests come in.
        hanging = HangingServer.silent();
        slow.delay(Duration.ofSeconds(30));
        service = start("""
                health:
                  refresh-interval: PT0.1S
                  checks:
                    - {name: it-hanging, type: http, url: "http://127.0.0.1:%d/", timeout: PT3S,
                       circuit-breaker: {failures: 100}}
                    - {name: it-slow, type: http, url: "%s", timeout: PT3S, critical: false,
                       circuit-breaker: {failures: 100}}
                    - {name: it-heap, type: heap, max-used-ratio: 1.0}
                """.formatted(hanging.port(), slow.url("/ready")));
        WebClient client = client();
        awaitReady(client);

        long slowest = 0;
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            try (HttpClientResponse response = client.get("/v1/checks").request()) {
                assertThat(response.status().code(), is(503));
                JsonObject report = Problems.parse(response.as(String.class));
                assertThat(report.getString("status"), is("fail"));
                JsonObject checks = report.getJsonObject("checks");
                assertThat(checks.getJsonArray("it-hanging:responseTime").getJsonObject(0).getString("output"),
                           is("timed out after 3000 ms"));
                assertThat(checks.getJsonArray("it-slow:responseTime").getJsonObject(0).getString("output"),
                           is("timed out after 3000 ms"));
            }
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }
        // A request that waited for a probe would take the full 3 s timeout; half of it leaves room for a loaded
        // machine without letting a waiting request pass. Latency itself is measured by perf/health.sh.
        assertThat("slowest of 100 cached reports (ms) while checks hang", slowest, lessThan(1500L));
    }

    @Test
    void theServiceIsReadyOnceTheFirstRefreshHasRunEvenWhenChecksFail() throws InterruptedException {
        hanging = HangingServer.silent();
        // The first refresh lasts the check's timeout: long enough that a loaded machine still asks in time.
        service = start("""
                health:
                  checks:
                    - {name: it-first, type: http, url: "http://127.0.0.1:%d/", timeout: PT8S}
                """.formatted(hanging.port()));
        WebClient client = client();

        try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
            assertThat("not ready while the first refresh waits for the hanging check", ready.status().code(), is(503));
            assertThat(ready.as(String.class), containsString("\"name\":\"checks-refreshed\",\"status\":\"DOWN\""));
        }
        try (HttpClientResponse report = client.get("/v1/checks").request()) {
            assertThat(report.status().code(), is(200));
            assertThat(report.as(String.class), containsString("\"output\":\"not checked yet\""));
        }
        awaitReady(client);
        try (HttpClientResponse report = client.get("/v1/checks").request()) {
            assertThat(report.status().code(), is(503));
        }
    }

    @Test
    void eachCheckHasMetricsInPrometheusText() throws InterruptedException {
        service = start("""
                health:
                  checks:
                    - {name: it-up, type: http, url: "%s"}
                    - {name: it-down, type: http, url: "%s", expect-status: 204, critical: false}
                """.formatted(slow.url("/up"), slow.url("/down")));
        WebClient client = client();
        awaitReady(client);

        try (HttpClientResponse response = client.get("/observe/metrics").request()) {
            String metrics = response.as(String.class);
            assertThat(metrics, containsString("vigil_health_check_duration_seconds_bucket{check=\"it-up\""));
            assertThat(metrics, containsString("vigil_health_check_duration_seconds_count{check=\"it-down\""));
            assertThat(metrics, containsString("vigil_health_check_status{check=\"it-up\",scope=\"application\",} 0.0"));
            assertThat(metrics, containsString("vigil_health_check_status{check=\"it-down\",scope=\"application\",} 2.0"));
            assertThat(metrics, containsString("vigil_health_check_failures_total{check=\"it-down\""));
        }
        try (HttpClientResponse response = client.get("/v1/checks/unknown").request()) {
            Problems.assertProblem(response, 404);
        }
    }

    @Test
    void invalidChecksStopStartUpNamingTheCheckAndTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> start("""
                health:
                  checks:
                    - {name: jaeger, type: tcp, host: localhost}
                """));

        assertThat(e.getMessage(), is("invalid configuration: check \"jaeger\": health.checks.0.port = \"\" "
                + "(expected: a port 1..65535; the key is required)"));
    }

    private static VigilService start(String yaml) {
        return VigilService.start("health-service", HealthConfig.yaml(yaml), Main::routing);
    }

    private WebClient client() {
        return WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).readTimeout(Duration.ofSeconds(10)).build();
    }

    private static void awaitReady(WebClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (HttpClientResponse ready = client.get("/observe/health/ready").request()) {
                if (ready.status().code() == 200) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("health-service never became ready");
    }
}
