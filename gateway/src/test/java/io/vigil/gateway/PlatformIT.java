package io.vigil.gateway;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.http.RequestId;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * All three services in one JVM on ephemeral ports, called through the gateway as a user would.
 */
class PlatformIT {
    private static VigilService logparse;
    private static VigilService health;
    private static VigilService gateway;

    @BeforeAll
    static void startPlatform() {
        logparse = VigilService.start("logparse-service", TestConfig.of(), io.vigil.logparse.Main::routing);
        health = VigilService.start("health-service", TestConfig.of(), io.vigil.health.Main::routing);
        gateway = Gateways.start("gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port(),
                                 "gateway.upstreams.health.endpoints", "http://127.0.0.1:" + health.port());
    }

    @AfterAll
    static void stopPlatform() {
        gateway.shutdown();
        health.shutdown();
        logparse.shutdown();
    }

    @Test
    void everyServiceIsReady() {
        for (VigilService service : new VigilService[] {logparse, health, gateway}) {
            try (HttpClientResponse ready = client(service).get("/observe/health/ready").request()) {
                assertThat(ready.status().code(), is(200));
            }
        }
    }

    @Test
    void formatsThroughTheGatewayAreLogparsesOwnAnswer() {
        String direct;
        try (HttpClientResponse response = client(logparse).get("/v1/formats").request()) {
            direct = response.as(String.class);
        }

        try (HttpClientResponse response = client(gateway).get("/api/v1/logs/formats")
                .header(RequestId.HEADER, "it-1")
                .request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.as(String.class), is(direct));
            assertThat(response.headers().first(RequestId.HEADER).orElse(""), is("it-1"));
        }
    }

    @Test
    void anUnknownGatewayRouteIsAProblem() {
        try (HttpClientResponse response = client(gateway).get("/api/v1/nothing").request()) {
            Problems.assertProblem(response, 404);
        }
    }

    private static WebClient client(VigilService service) {
        return WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).build();
    }
}
