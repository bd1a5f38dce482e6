package io.vigil.common.tracing;

import java.util.Optional;

import io.helidon.logging.common.HelidonMdc;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.logging.LogContext;

/**
 * Makes the request's server span visible: its trace id and span id are in the logging MDC while the request is
 * handled (so every log line carries them), and a recorded trace's id is sent back as {@code X-Trace-Id}. Installed
 * only when tracing is on, inside the tracing observer's filter, which puts the span in the request's context.
 */
public final class TraceIdFilter implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<Span> span = request.context().get(Span.class);
        if (span.isEmpty()) {
            chain.proceed();
            return;
        }
        Span server = span.get();
        Tracing.sampledTraceId(server).ifPresent(traceId -> response.header(Tracing.TRACE_ID_HEADER, traceId));
        SpanContext context = server.context();
        HelidonMdc.set(LogContext.TRACE_ID, context.traceId());
        HelidonMdc.set(LogContext.SPAN_ID, context.spanId());
        try {
            chain.proceed();
        } finally {
            HelidonMdc.remove(LogContext.TRACE_ID);
            HelidonMdc.remove(LogContext.SPAN_ID);
        }
    }
}
