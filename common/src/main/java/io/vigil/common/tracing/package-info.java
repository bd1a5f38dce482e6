/**
 * Distributed tracing for every service: a Jaeger tracer built with Helidon's Jaeger provider from the
 * {@code tracing} section, W3C trace context and Jaeger propagation, and the trace id in logs and responses.
 */
package io.vigil.common.tracing;
