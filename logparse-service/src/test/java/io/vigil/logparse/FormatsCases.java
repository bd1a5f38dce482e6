package io.vigil.logparse;

import java.util.List;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.http.StandardRouting;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code GET /v1/formats}, run without sockets ({@link FormatsTest}) and over real sockets ({@link FormatsIT}).
 */
abstract class FormatsCases {
    private final Http1Client client;

    FormatsCases(Http1Client client) {
        this.client = client;
    }

    static void routing(HttpRouting.Builder routing) {
        StandardRouting.apply(routing).register("/v1", new FormatsService(List.of(
                new FormatDescription("common", "NCSA Common Log Format",
                                      "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326"))));
    }

    @Test
    void listsEachFormatWithNameDescriptionAndSample() {
        try (HttpClientResponse response = client.get("/v1/formats").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().mediaType().text(), is("application/json"));
            JsonObject format = Problems.parse(response.as(String.class)).getJsonArray("formats").getJsonObject(0);
            assertThat(format.getString("name"), is("common"));
            assertThat(format.getString("description"), is("NCSA Common Log Format"));
            assertThat(format.getString("sample"),
                       is("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326"));
        }
    }

    @Test
    void otherMethodsOnTheResourceAreProblems() {
        try (HttpClientResponse response = client.post("/v1/formats").submit("x")) {
            Problems.assertProblem(response, 404);
        }
    }
}
