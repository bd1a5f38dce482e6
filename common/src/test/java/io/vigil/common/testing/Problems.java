package io.vigil.common.testing;

import java.io.StringReader;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webclient.api.HttpClientResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Assertions on problem+json responses: content type, status both in the status line and the body, the
 * request id in both the header and the body, and no stack trace.
 */
public final class Problems {
    private Problems() {
    }

    /**
     * Reads a response as a problem document and checks what every problem must have.
     *
     * @param response response to read (not closed here)
     * @param status   expected HTTP status
     * @return the problem document, for further assertions
     */
    public static JsonObject assertProblem(HttpClientResponse response, int status) {
        String body = response.as(String.class);
        assertThat(body, response.status().code(), is(status));
        assertThat(response.headers().contentType().map(HttpMediaType::text).orElse(""),
                   is("application/problem+json"));
        assertThat(body, not(containsString("\tat ")));
        assertThat(body, not(containsString("Exception")));
        JsonObject problem = parse(body);
        assertThat(problem.getInt("status"), is(status));
        assertThat(problem.getString("title", null), notNullValue());
        assertThat(problem.getString("type", null), notNullValue());
        assertThat(problem.getString("detail", null), notNullValue());
        String requestId = response.headers().first(HeaderNames.create("X-Request-Id")).orElse("<none>");
        assertThat(problem.getString("requestId", null), is(requestId));
        return problem;
    }

    /**
     * Parses a JSON object.
     *
     * @param json text of a JSON object
     * @return the object
     */
    public static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
