package io.vigil.common.http;

import io.helidon.http.ForbiddenException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.logging.LogContext;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * Behaviour of {@link StandardRouting}, run without sockets ({@link StandardRoutingTest}) and over real
 * sockets ({@link StandardRoutingIT}).
 */
abstract class StandardRoutingCases {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Http1Client client;

    StandardRoutingCases(Http1Client client) {
        this.client = client;
    }

    static void routing(HttpRouting.Builder routing) {
        StandardRouting.apply(routing)
                .get("/ok", (req, res) -> res.send("ok"))
                .get("/request-id", (req, res) -> res.send(RequestId.of(req).value() + " "
                        + LogContext.get(LogContext.REQUEST_ID).orElse("none")))
                .get("/boom", (req, res) -> {
                    throw new IllegalStateException("secret internals");
                })
                .get("/forbidden", (req, res) -> {
                    throw new ForbiddenException("Key 'k1' may not read logs");
                })
                .get("/unavailable", (req, res) -> {
                    // Not a word a generated request or trace id (hex) could contain by chance.
                    throw new HttpException("connection pool of orders-db exhausted", Status.SERVICE_UNAVAILABLE_503);
                })
                .get("/teapot", (req, res) -> {
                    throw new ProblemException(Problem.of("urn:vigil:problem:test", "Test problem", Status.create(418),
                                                          "short and stout").with("pot", "tea"));
                });
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        try (HttpClientResponse response = client.get("/nowhere").request()) {
            JsonObject problem = Problems.assertProblem(response, 404);
            assertThat(problem.getString("type"), is("about:blank"));
            assertThat(problem.getString("detail"), is("No resource at GET /nowhere"));
            assertThat(problem.getString("instance"), is("/nowhere"));
        }
    }

    @Test
    void aValidClientRequestIdIsEchoedAndUsedWhileHandling() {
        try (HttpClientResponse response = client.get("/request-id").header(RequestId.HEADER, "client-42").request()) {
            assertThat(response.headers().first(RequestId.HEADER).orElse(""), is("client-42"));
            assertThat(response.as(String.class), is("client-42 client-42"));
        }
    }

    @Test
    void anInvalidRequestIdIsReplacedByAGeneratedOne() {
        try (HttpClientResponse response = client.get("/request-id").header(RequestId.HEADER, "x".repeat(129)).request()) {
            String echoed = response.headers().first(RequestId.HEADER).orElse("");
            assertThat(echoed, matchesPattern(UUID));
            assertThat(response.as(String.class), is(echoed + " " + echoed));
        }
    }

    @Test
    void aMissingRequestIdIsGenerated() {
        try (HttpClientResponse response = client.get("/ok").request()) {
            assertThat(response.headers().first(RequestId.HEADER).orElse(""), matchesPattern(UUID));
            assertThat(response.as(String.class), is("ok"));
        }
    }

    @Test
    void anUnexpectedFailureIsAServerErrorProblemWithoutInternals() {
        try (HttpClientResponse response = client.get("/boom").header(RequestId.HEADER, "r-500").request()) {
            JsonObject problem = Problems.assertProblem(response, 500);
            assertThat(problem.getString("requestId"), is("r-500"));
            assertThat(problem.toString(), not(containsString("secret")));
            assertThat(response.headers().first(HeaderNames.CACHE_CONTROL).orElse(""), is("no-store"));
        }
    }

    @Test
    void clientErrorsFromHelidonExceptionsKeepTheirStatusAndMessage() {
        try (HttpClientResponse response = client.get("/forbidden").request()) {
            JsonObject problem = Problems.assertProblem(response, 403);
            assertThat(problem.getString("title"), is("Forbidden"));
            assertThat(problem.getString("detail"), is("Key 'k1' may not read logs"));
        }
    }

    @Test
    void serverErrorsFromHelidonExceptionsKeepTheirStatusButHideTheMessage() {
        try (HttpClientResponse response = client.get("/unavailable").request()) {
            JsonObject problem = Problems.assertProblem(response, 503);
            assertThat(problem.toString(), not(containsString("orders-db")));
        }
    }

    @Test
    void aProblemExceptionIsRenderedAsItsProblem() {
        try (HttpClientResponse response = client.get("/teapot").request()) {
            JsonObject problem = Problems.assertProblem(response, 418);
            assertThat(problem.getString("type"), is("urn:vigil:problem:test"));
            assertThat(problem.getString("title"), is("Test problem"));
            assertThat(problem.getString("detail"), is("short and stout"));
            assertThat(problem.getString("pot"), is("tea"));
        }
    }
}
