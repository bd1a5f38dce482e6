package io.vigil.common.http;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.tracing.Span;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.logging.LogContext;
import io.vigil.common.tracing.Tracing;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * The one place that turns a {@link Problem} into an {@code application/problem+json} response, adding
 * {@code instance} (the request path), {@code requestId} and, when tracing is on, {@code traceId} (also sent as
 * {@code X-Trace-Id} when the trace is recorded).
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
        // Error handlers run after the filters have left, so the trace comes from the request's server span.
        Optional<Span> span = request.context().get(Span.class);
        String traceId = span.map(it -> it.context().traceId())
                .or(() -> LogContext.get(LogContext.TRACE_ID))
                .orElse(null);
        span.flatMap(Tracing::sampledTraceId).ifPresent(sampled -> response.header(Tracing.TRACE_ID_HEADER, sampled));
        response.status(Status.create(problem.status()))
                .header(RequestId.HEADER, id.value())
                .header(NO_STORE)
                .header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON.text())
                .send(toJson(problem, request.path().rawPath(), id.value(), traceId));
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
        return toJson(problem, instance, requestId, LogContext.get(LogContext.TRACE_ID).orElse(null));
    }

    /**
     * Renders a problem document of a traced request.
     *
     * @param problem   what went wrong
     * @param instance  the path of the failed request, or {@code null}
     * @param requestId the request id, or {@code null}
     * @param traceId   the trace id, or {@code null}
     * @return UTF-8 JSON
     */
    public static byte[] toJson(Problem problem, String instance, String requestId, String traceId) {
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
            if (traceId != null) {
                json.write("traceId", traceId);
            }
            problem.extensions().forEach(json::write);
            json.writeEnd();
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
