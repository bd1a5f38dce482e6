package io.vigil.gateway;

import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * {@code GET /api/v1/health} combines the gateway's view of its upstreams with health-service's report;
 * {@code /api/v1/health/checks[/{name}]} is health-service's own answer.
 */
class HealthIT {
    private final AtomicReference<String> reportStatus = new AtomicReference<>("pass");
    private VigilService logparse;
    private VigilService healthService;
    private VigilService gateway;

    @AfterEach
    void stop() {
        Gateways.stop(gateway, healthService, logparse);
    }

    @Test
    void aHealthyPlatformPassesWithEveryViewInOneDocument() {
        startAll();
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/health+json"));
            JsonObject health = Problems.parse(response.as(String.class));
            assertThat(health.getString("status"), is("pass"));
            assertThat(health.getString("serviceId"), is("vigil-gateway"));
            JsonObject checks = health.getJsonObject("checks");
            JsonObject readiness = checks.getJsonArray("logparse:readiness").getJsonObject(0);
            assertThat(readiness.getString("status"), is("pass"));
            assertThat(readiness.getString("observedUnit"), is("ms"));
            assertThat(checks.getJsonArray("logparse:circuitBreaker").getJsonObject(0).getString("observedValue"), is("closed"));
            assertThat(checks.getJsonArray("health:readiness").getJsonObject(0).getString("status"), is("pass"));
            assertThat(checks.getJsonArray("health-service:report").getJsonObject(0).getString("status"), is("pass"));
            assertThat("health-service's own checks are merged in",
                       checks.getJsonArray("disk:utilization").getJsonObject(0).getString("status"), is("pass"));
        }
    }

    @Test
    void aFailingReportFailsThePlatform() {
        startAll();
        reportStatus.set("fail");
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health").request()) {
            assertThat(response.status().code(), is(503));
            assertThat(Problems.parse(response.as(String.class)).getString("status"), is("fail"));
        }
    }

    @Test
    void aCriticalUpstreamDownFailsThePlatform() throws Exception {
        startHealthService();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + closed,
                                 "gateway.upstreams.health.endpoints", "http://127.0.0.1:" + healthService.port());
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health").request()) {
            assertThat(response.status().code(), is(503));
            JsonObject health = Problems.parse(response.as(String.class));
            assertThat(health.getString("status"), is("fail"));
            JsonObject readiness = health.getJsonObject("checks").getJsonArray("logparse:readiness").getJsonObject(0);
            assertThat(readiness.getString("status"), is("fail"));
            assertThat(readiness.getString("output"), containsString("readiness probe failed"));
        }
    }

    @Test
    void anUnreachableHealthServiceIsAWarning() {
        logparse = Backend.start();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port(),
                                 "gateway.upstreams.health.critical", "false");
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health").request()) {
            assertThat(response.status().code(), is(200));
            JsonObject health = Problems.parse(response.as(String.class));
            assertThat(health.getString("status"), is("warn"));
            JsonObject report = health.getJsonObject("checks").getJsonArray("health-service:report").getJsonObject(0);
            assertThat(report.getString("status"), is("warn"));
            assertThat(report.getString("output"), containsString("health-service report unavailable"));
        }
    }

    @Test
    void checksAreHealthServicesOwnAnswers() {
        startAll();
        reportStatus.set("fail");
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health/checks")
                .queryParam("verbose", "true").request()) {
            assertThat(response.status().code(), is(503));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/health+json"));
            assertThat(Problems.parse(response.as(String.class)).getString("query"), is("verbose=true"));
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health/checks/disk").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(Problems.parse(response.as(String.class)).getString("name"), is("disk"));
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/health/checks/nope").request()) {
            Problems.assertProblem(response, 404);
        }
    }

    private void startAll() {
        logparse = Backend.start();
        startHealthService();
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port(),
                                 "gateway.upstreams.health.endpoints", "http://127.0.0.1:" + healthService.port(),
                                 "gateway.health.cache-for", "PT0S");
    }

    private void startHealthService() {
        healthService = VigilService.start("fake-health-service", TestConfig.of(), (routing, config) -> routing
                .get("/v1/checks", (req, res) -> {
                    String status = reportStatus.get();
                    res.status("fail".equals(status) ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200)
                            .header(HeaderNames.CONTENT_TYPE, "application/health+json")
                            .send("{\"status\":\"" + status + "\",\"serviceId\":\"vigil-health\",\"query\":\""
                                          + req.query().rawValue() + "\",\"checks\":{\"disk:utilization\":[{"
                                          + "\"componentType\":\"system\",\"observedValue\":41,\"observedUnit\":\"percent\","
                                          + "\"status\":\"pass\"}],\"logparse:readiness\":[{\"status\":\"pass\"}]}}");
                })
                .get("/v1/checks/disk", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/health+json")
                        .send("{\"status\":\"pass\",\"name\":\"disk\"}")));
    }
}
