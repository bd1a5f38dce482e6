package io.vigil.common.http;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.logging.LogContext;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * The one place that turns a {@link Problem} into an {@code application/problem+json} response, adding
 * {@code instance} (the request path), {@code requestId} and, when tracing is on, {@code traceId}.
 */
public final class ProblemWriter {
    /** {@code application/problem+json}. */
    public static final MediaType PROBLEM_JSON = MediaTypes.create("application", "problem+json");

    /** {@code Cache-Control: no-store}: a problem describes one occurrence and must not be cached. */
    static final Header NO_STORE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store");

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private ProblemWriter() {
    }

    /**
     * Sends a problem as the response to a request. Headers already set on the response (such as
     * {@code Retry-After}) are kept.
     *
     * @param request  the request that failed
     * @param response its response, not yet sent
     * @param problem  what went wrong
     */
    public static void send(ServerRequest request, ServerResponse response, Problem problem) {
        RequestId id = RequestId.of(request);
        response.status(Status.create(problem.status()))
                .header(RequestId.HEADER, id.value())
                .header(NO_STORE)
                .header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON.text())
                .send(toJson(problem, request.path().rawPath(), id.value()));
    }

    /**
     * Renders a problem document.
     *
     * @param problem   what went wrong
     * @param instance  the path of the failed request, or {@code null}
     * @param requestId the request id, or {@code null}
     * @return UTF-8 JSON
     */
    public static byte[] toJson(Problem problem, String instance, String requestId) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartObject()
                    .write("type", problem.type())
                    .write("title", problem.title())
                    .write("status", problem.status())
                    .write("detail", problem.detail());
            if (instance != null) {
                json.write("instance", instance);
            }
            if (requestId != null) {
                json.write("requestId", requestId);
            }
            LogContext.get(LogContext.TRACE_ID).ifPresent(traceId -> json.write("traceId", traceId));
            problem.extensions().forEach(json::write);
            json.writeEnd();
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
