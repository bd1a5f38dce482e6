package io.vigil.common.tracing;

import io.helidon.tracing.providers.jaeger.JaegerTracerBuilder;

/**
 * A change to a service's Jaeger tracer builder after Vigil has applied the {@code tracing} section, made before the
 * tracer is built; tests use it to add an in-memory span exporter beside the collector's.
 */
@FunctionalInterface
public interface TracerSetup {
    /** Changes nothing. */
    TracerSetup NONE = builder -> {
    };

    /**
     * Adjusts the builder.
     *
     * @param builder Helidon's Jaeger tracer builder, already configured
     */
    void setup(JaegerTracerBuilder builder);
}
