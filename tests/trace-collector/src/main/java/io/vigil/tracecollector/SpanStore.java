package io.vigil.tracecollector;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.exporter.jaeger.proto.api_v2.Model;

/**
 * The spans received, by trace, each with the service name of the batch that carried it. Bounded: when more than
 * {@code maxSpans} are held, the traces that arrived first are dropped whole.
 */
final class SpanStore {
    /** A span and the service that sent it. */
    record Received(String service, Model.Span span) {
    }

    private final int maxSpans;
    private final Map<String, List<Received>> traces = new LinkedHashMap<>();
    private int size;

    SpanStore(int maxSpans) {
        this.maxSpans = maxSpans;
    }

    synchronized void add(Model.Batch batch) {
        String service = batch.getProcess().getServiceName();
        for (Model.Span span : batch.getSpansList()) {
            traces.computeIfAbsent(hex(span.getTraceId().toByteArray()), id -> new ArrayList<>())
                    .add(new Received(service, span));
            size++;
        }
        Iterator<List<Received>> oldest = traces.values().iterator();
        while (size > maxSpans && oldest.hasNext()) {
            size -= oldest.next().size();
            oldest.remove();
        }
    }

    /**
     * The spans of one trace, in the order they arrived.
     *
     * @param traceId 32 lower-case hex digits
     * @return the spans, empty when none arrived (or they were dropped)
     */
    synchronized List<Received> trace(String traceId) {
        return List.copyOf(traces.getOrDefault(traceId, List.of()));
    }

    synchronized int size() {
        return size;
    }

    static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }
}
