package io.vigil.tracecollector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Model;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * {@code GET /api/traces/{traceId}} in the shape of Jaeger's query API (data, traceID, spans with spanID,
 * operationName, references, startTime and duration in microseconds, tags, processID; processes with serviceName),
 * so that what a test reads here it would read from Jaeger's port 16686. A trace that never arrived is a 404 and a
 * malformed id a 400, with Jaeger's {@code errors} array.
 */
final class TracesService implements HttpService {
    private static final String HEX = "[0-9a-f]{1,32}";
    private static final int TRACE_ID_DIGITS = 32;

    private final SpanStore store;

    TracesService(SpanStore store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{traceId}", this::trace);
    }

    private void trace(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("traceId").toLowerCase(Locale.ROOT);
        if (!id.matches(HEX)) {
            send(response, Status.BAD_REQUEST_400, error(400, "malformed trace id: expected 1 to 32 hex digits"));
            return;
        }
        String traceId = "0".repeat(TRACE_ID_DIGITS - id.length()) + id;
        List<SpanStore.Received> spans = store.trace(traceId);
        if (spans.isEmpty()) {
            send(response, Status.NOT_FOUND_404, error(404, "trace not found"));
            return;
        }
        send(response, Status.OK_200, envelope(Json.createArrayBuilder().add(trace(traceId, spans)), JsonValue.NULL));
    }

    static JsonObject trace(String traceId, List<SpanStore.Received> received) {
        Map<String, String> processes = new LinkedHashMap<>();
        JsonArrayBuilder spans = Json.createArrayBuilder();
        for (SpanStore.Received one : received) {
            String process = processes.computeIfAbsent(one.service(), service -> "p" + (processes.size() + 1));
            spans.add(span(one.span(), process));
        }
        JsonObjectBuilder byId = Json.createObjectBuilder();
        processes.forEach((service, process) -> byId.add(process, Json.createObjectBuilder()
                .add("serviceName", service)
                .add("tags", Json.createArrayBuilder())));
        return Json.createObjectBuilder()
                .add("traceID", traceId)
                .add("spans", spans)
                .add("processes", byId)
                .addNull("warnings")
                .build();
    }

    private static JsonObject span(Model.Span span, String process) {
        JsonArrayBuilder references = Json.createArrayBuilder();
        for (Model.SpanRef reference : span.getReferencesList()) {
            references.add(Json.createObjectBuilder()
                    .add("refType", reference.getRefType().name())
                    .add("traceID", SpanStore.hex(reference.getTraceId().toByteArray()))
                    .add("spanID", SpanStore.hex(reference.getSpanId().toByteArray())));
        }
        JsonArrayBuilder tags = Json.createArrayBuilder();
        span.getTagsList().forEach(tag -> tags.add(tag(tag)));
        return Json.createObjectBuilder()
                .add("traceID", SpanStore.hex(span.getTraceId().toByteArray()))
                .add("spanID", SpanStore.hex(span.getSpanId().toByteArray()))
                .add("operationName", span.getOperationName())
                .add("references", references)
                .add("startTime", TimeUnit.SECONDS.toMicros(span.getStartTime().getSeconds())
                                  + TimeUnit.NANOSECONDS.toMicros(span.getStartTime().getNanos()))
                .add("duration", TimeUnit.SECONDS.toMicros(span.getDuration().getSeconds())
                                 + TimeUnit.NANOSECONDS.toMicros(span.getDuration().getNanos()))
                .add("tags", tags)
                .add("processID", process)
                .build();
    }

    private static JsonObject tag(Model.KeyValue tag) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("key", tag.getKey());
        return switch (tag.getVType()) {
            case BOOL -> json.add("type", "bool").add("value", tag.getVBool()).build();
            case INT64 -> json.add("type", "int64").add("value", tag.getVInt64()).build();
            case FLOAT64 -> json.add("type", "float64").add("value", tag.getVFloat64()).build();
            case BINARY -> json.add("type", "binary").add("value", SpanStore.hex(tag.getVBinary().toByteArray())).build();
            default -> json.add("type", "string").add("value", tag.getVStr()).build();
        };
    }

    private static JsonObject error(int code, String message) {
        return envelope(null, Json.createArrayBuilder().add(Json.createObjectBuilder().add("code", code).add("msg", message))
                .build());
    }

    private static JsonObject envelope(JsonArrayBuilder data, JsonValue errors) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (data == null) {
            json.addNull("data");
        } else {
            json.add("data", data);
        }
        return json.add("total", 0).add("limit", 0).add("offset", 0).add("errors", errors).build();
    }

    private static void send(ServerResponse response, Status status, JsonObject body) {
        response.status(status);
        response.headers().contentType(MediaTypes.APPLICATION_JSON);
        response.send(body.toString());
    }
}
