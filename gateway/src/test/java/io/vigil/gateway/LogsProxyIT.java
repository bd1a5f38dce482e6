package io.vigil.gateway;

import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.RequestId;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The gateway's {@code /api/v1/logs/formats} against a scripted upstream on a real socket.
 */
class LogsProxyIT {
    private final CountDownLatch release = new CountDownLatch(1);
    private VigilService upstream;
    private VigilService gateway;

    @AfterEach
    void stop() {
        release.countDown();
        for (VigilService service : new VigilService[] {gateway, upstream}) {
            if (service != null) {
                service.shutdown();
            }
        }
    }

    @Test
    void passesStatusHeadersQueryAndBodyThroughAndForwardsRequestContext() {
        upstream = VigilService.start("fake-logparse", TestConfig.of(), (routing, config) -> routing.get("/v1/formats",
                (req, res) -> res.status(Status.create(299))
                        .header("X-Upstream-Seen", req.headers().first(RequestId.HEADER).orElse("-") + " "
                                + req.query().rawValue() + " " + req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse("-")
                                + " " + req.headers().first(HeaderNames.X_FORWARDED_PROTO).orElse("-")
                                + " " + req.headers().first(HeaderNames.X_FORWARDED_HOST).orElse("-")
                                + " " + req.headers().first(HeaderNames.create("X-Client-Header")).orElse("-"))
                        .header("Keep-Alive", "timeout=5")
                        .header("Connection", "X-Hop-Only")
                        .header("X-Hop-Only", "for the gateway only")
                        .header(HeaderNames.CONTENT_TYPE, "application/json")
                        .send("{\"formats\":[\"from-upstream\"]}")));
        gateway = startGateway("http://127.0.0.1:" + upstream.port(), "PT5S");

        try (HttpClientResponse response = client().get("/api/v1/logs/formats")
                .queryParam("verbose", "yes")
                .header(RequestId.HEADER, "gw-1")
                .header(HeaderNames.create("X-Client-Header"), "kept")
                .header(HeaderNames.HOST, "vigil.example")
                .request()) {
            assertThat(response.status().code(), is(299));
            assertThat(response.as(String.class), is("{\"formats\":[\"from-upstream\"]}"));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/json"));
            assertThat(response.headers().first(RequestId.HEADER).orElse(""), is("gw-1"));
            assertThat(response.headers().first(HeaderNames.create("X-Upstream-Seen")).orElse(""),
                       is("gw-1 verbose=yes 127.0.0.1 http vigil.example kept"));
            assertThat("hop-by-hop headers stay on their hop",
                       response.headers().contains(HeaderNames.create("Keep-Alive")), is(false));
            assertThat("so do headers the Connection header names",
                       response.headers().contains(HeaderNames.create("X-Hop-Only")), is(false));
        }
    }

    @Test
    void upstreamProblemsPassThroughUnchanged() {
        upstream = VigilService.start("fake-logparse", TestConfig.of(), (routing, config) -> routing.get("/v1/formats",
                (req, res) -> {
                    throw new ProblemException(Problem.of(Status.BAD_REQUEST_400, "format: xml (expected: one of json)"));
                }));
        gateway = startGateway("http://127.0.0.1:" + upstream.port(), "PT5S");

        try (HttpClientResponse response = client().get("/api/v1/logs/formats").header(RequestId.HEADER, "pass-1").request()) {
            JsonObject problem = Problems.assertProblem(response, 400);
            assertThat(problem.getString("detail"), is("format: xml (expected: one of json)"));
            assertThat(problem.getString("instance"), is("/v1/formats"));
        }
    }

    @Test
    void anUnreachableUpstreamIsABadGatewayProblemNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway = startGateway("http://127.0.0.1:" + closedPort, "PT5S");

        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            JsonObject problem = Problems.assertProblem(response, 502);
            assertThat(problem.getString("type"), is("urn:vigil:problem:upstream-unreachable"));
            assertThat(problem.getString("upstream"), is("logparse"));
        }
    }

    @Test
    void aSlowUpstreamIsAGatewayTimeoutProblemNamingIt() {
        upstream = VigilService.start("slow-logparse", TestConfig.of(), (routing, config) -> routing.get("/v1/formats",
                (req, res) -> {
                    release.await(30, TimeUnit.SECONDS);
                    res.send("{}");
                }));
        gateway = startGateway("http://127.0.0.1:" + upstream.port(), "PT0.3S");

        try (HttpClientResponse response = client().get("/api/v1/logs/formats").request()) {
            JsonObject problem = Problems.assertProblem(response, 504);
            assertThat(problem.getString("type"), is("urn:vigil:problem:upstream-timeout"));
            assertThat(problem.getString("upstream"), is("logparse"));
            assertThat(problem.getString("detail"), is("Upstream 'logparse' did not answer within PT0.3S"));
        }
    }

    private static VigilService startGateway(String logparseUri, String readTimeout) {
        return Gateways.start("gateway.upstreams.logparse.endpoints", logparseUri,
                              "gateway.upstreams.logparse.read-timeout", readTimeout);
    }

    private WebClient client() {
        return Gateways.client(gateway);
    }
}
