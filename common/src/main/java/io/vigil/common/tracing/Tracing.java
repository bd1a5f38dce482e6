package io.vigil.common.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.context.Contexts;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.helidon.tracing.config.ComponentTracingConfig;
import io.helidon.tracing.config.SpanTracingConfig;
import io.helidon.tracing.config.TracingConfig;
import io.helidon.tracing.providers.jaeger.JaegerTracerBuilder;
import io.helidon.tracing.providers.opentelemetry.HelidonOpenTelemetry;
import io.helidon.webserver.observe.tracing.TracingObserver;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Builds a service's tracer and the pieces that use it. The tracer is Helidon's Jaeger provider (OpenTelemetry SDK,
 * batch export over gRPC to the collector) with the propagation formats of {@code tracing.propagation}; a disabled
 * section gives Helidon's no-op tracer, which loads no OpenTelemetry class and allocates nothing per span.
 */
public final class Tracing {
    /** The response header that carries the trace id, to paste into Jaeger's search: {@code X-Trace-Id}. */
    public static final HeaderName TRACE_ID_HEADER = HeaderNames.create("X-Trace-Id");

    /** Helidon's name of the web server's request span, which {@link #observer} renames to "METHOD path". */
    private static final String REQUEST_SPAN = "HTTP Request";

    private Tracing() {
    }

    /**
     * The tracer for a service.
     *
     * @param settings the {@code tracing} section
     * @param setup    last changes to the Jaeger builder (tests add exporters here)
     * @return a Jaeger-backed tracer, or the no-op tracer when tracing is disabled
     */
    public static Tracer create(TracingSettings settings, TracerSetup setup) {
        if (!settings.enabled()) {
            return Tracer.noOp();
        }
        JaegerTracerBuilder builder = JaegerTracerBuilder.forService(settings.service())
                .collectorProtocol(settings.protocol())
                .collectorHost(settings.host())
                .collectorPort(settings.port())
                .samplerType(settings.sampler() == TracingSettings.Sampler.RATIO
                                     ? JaegerTracerBuilder.SamplerType.RATIO
                                     : JaegerTracerBuilder.SamplerType.CONSTANT)
                .samplerParam(settings.samplerParam())
                .spanProcessorType(JaegerTracerBuilder.SpanProcessorType.BATCH)
                .exporterTimeout(settings.exporterTimeout())
                .scheduleDelay(settings.scheduleDelay())
                .maxQueueSize(settings.maxQueueSize())
                .maxExportBatchSize(settings.maxExportBatchSize())
                // Several services may share a JVM (tests, embedding): none may take the process-wide tracer.
                .registerGlobal(false);
        setup.setup(builder);
        io.opentelemetry.api.trace.Tracer spans = builder.build().unwrap(io.opentelemetry.api.trace.Tracer.class);
        // Helidon's tracer takes only the propagators from this OpenTelemetry instance; spans still come from the
        // Jaeger SDK tracer above. This is where W3C trace context is added, which the 4.1.2 builder cannot do.
        OpenTelemetry propagation = OpenTelemetry.propagating(ContextPropagators.create(propagator(settings.propagation())));
        return HelidonOpenTelemetry.create(propagation, spans, Map.of());
    }

    /**
     * The observer that gives every request a server span (named "METHOD path"), continuing the caller's trace when
     * its headers carry one; {@code /observe/health} and {@code /observe/metrics} stay untraced.
     *
     * @param tracer the service's tracer
     * @return observer to add to the observe feature
     */
    public static TracingObserver observer(Tracer tracer) {
        TracingConfig names = TracingConfig.builder()
                .addComponent(ComponentTracingConfig.builder("web-server")
                                      .addSpan(SpanTracingConfig.builder(REQUEST_SPAN).newName("%1$s %2$s").build())
                                      .build())
                .build();
        return TracingObserver.builder()
                .tracer(tracer)
                .envConfig(names)
                .build();
    }

    /**
     * The tracer of the service being set up or of the request being served: services get theirs this way in
     * their routing setup, which runs inside the service's context.
     *
     * @return the service's tracer, or the no-op tracer outside a service or when tracing is off
     */
    public static Tracer tracer() {
        return Contexts.context().flatMap(context -> context.get(Tracer.class)).orElseGet(Tracer::noOp);
    }

    /**
     * The trace id of a span when it is recorded (so that Jaeger will have it).
     *
     * @param span a span
     * @return its trace id, or empty for an unsampled or no-op span
     */
    public static Optional<String> sampledTraceId(Span span) {
        try {
            io.opentelemetry.api.trace.SpanContext context =
                    span.unwrap(io.opentelemetry.api.trace.Span.class).getSpanContext();
            return context.isSampled() ? Optional.of(context.getTraceId()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One propagator over the configured formats; the first configured wins on extraction, so it is applied last. */
    private static TextMapPropagator propagator(List<Propagation> formats) {
        List<TextMapPropagator> all = new ArrayList<>();
        for (Propagation format : formats.reversed()) {
            all.addAll(format.propagators());
        }
        return TextMapPropagator.composite(all);
    }
}
