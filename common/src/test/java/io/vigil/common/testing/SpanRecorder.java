package io.vigil.common.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.helidon.tracing.providers.jaeger.JaegerTracerBuilder;
import io.vigil.common.tracing.TracerSetup;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An in-memory span exporter that services started in a test share: each service's Jaeger tracer sends its spans
 * here as well as to its collector, so a test can look at whole traces across services.
 */
public final class SpanRecorder implements SpanExporter {
    /** The resource attribute that names the service a span came from. */
    public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final Collection<SpanData> spans = new ConcurrentLinkedQueue<>();

    /**
     * The tracer setup that adds this recorder to a service's tracer. Helidon 4.1.2's Jaeger builder takes extra
     * exporters only through a package-private method ({@code exporter}), which its own tests use; so does this.
     *
     * @return setup to pass to {@code VigilService.start}
     */
    public TracerSetup setup() {
        return builder -> {
            try {
                Method exporter = JaegerTracerBuilder.class.getDeclaredMethod("exporter", SpanExporter.class);
                exporter.setAccessible(true);
                exporter.invoke(builder, this);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot add a span exporter to Helidon's Jaeger builder", e);
            }
        };
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        spans.addAll(batch);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /**
     * The spans of one trace received so far.
     *
     * @param traceId trace id, 32 hex digits
     * @return its spans
     */
    public List<SpanData> trace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /**
     * Waits until the spans of a trace satisfy a condition (spans arrive in batches, after the schedule delay).
     *
     * @param traceId   trace id
     * @param condition what the spans must satisfy
     * @param timeout   longest wait
     * @return the spans of the trace at that moment
     * @throws AssertionError when the condition is not met in time; the message lists the spans seen
     */
    public List<SpanData> await(String traceId, Predicate<List<SpanData>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SpanData> seen = trace(traceId);
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("trace " + traceId + " did not reach the expected shape within " + timeout
                                                 + "; spans: " + describe(seen));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            seen = trace(traceId);
        }
        return seen;
    }

    /**
     * Every span received, of any trace.
     *
     * @return spans
     */
    public List<SpanData> all() {
        return List.copyOf(spans);
    }

    /**
     * A readable list of spans for failure messages: service, name and kind of each.
     *
     * @param spans spans
     * @return one line
     */
    public static String describe(List<SpanData> spans) {
        return spans.stream()
                .map(span -> span.getResource().getAttribute(SERVICE_NAME) + ":" + span.getName() + "(" + span.getKind() + ")")
                .toList()
                .toString();
    }
}
