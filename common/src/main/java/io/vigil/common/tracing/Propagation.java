package io.vigil.common.tracing;

import java.util.List;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;

/**
 * A way trace context travels in HTTP headers ({@code tracing.propagation}). Every configured one is read from
 * requests and written on outgoing calls.
 *
 * <p>Helidon 4.1.2's Jaeger builder maps its {@code W3C} option to W3C <em>baggage</em> only, so a caller's
 * {@code traceparent} would be ignored; here {@link #W3C} means W3C trace context plus baggage.
 */
public enum Propagation {
    /** W3C Trace Context ({@code traceparent}, {@code tracestate}) and W3C baggage ({@code baggage}). */
    W3C,
    /** Jaeger's {@code uber-trace-id} (and {@code uberctx-*} baggage). */
    JAEGER,
    /** Zipkin B3, one header per field ({@code X-B3-TraceId}, ...). */
    B3,
    /** Zipkin B3 in the single {@code b3} header. */
    B3_SINGLE;

    /**
     * The OpenTelemetry propagators for this format.
     *
     * @return propagators, in the order they are applied
     */
    List<TextMapPropagator> propagators() {
        return switch (this) {
            case W3C -> List.of(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
            case JAEGER -> List.of(JaegerPropagator.getInstance());
            case B3 -> List.of(B3Propagator.injectingMultiHeaders());
            case B3_SINGLE -> List.of(B3Propagator.injectingSingleHeader());
        };
    }
}
