package io.vigil.gateway.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.tracing.HeaderConsumer;
import io.helidon.tracing.HeaderProvider;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.tracing.Tag;
import io.helidon.tracing.Tracer;
import io.vigil.gateway.endpoint.EndpointMetrics;
import io.vigil.gateway.http1.AsciiBuilder;

/**
 * The gateway's client spans, made by hand because its upstream client is its own (see {@link UpstreamProxy}): one
 * span per attempt at an upstream, child of the request's server span, named "upstream METHOD path" with the attempt
 * number, the upstream, its circuit state and the response status; and the span's context written into the
 * attempt's request head by the service's tracer (W3C {@code traceparent}, Jaeger {@code uber-trace-id}, as
 * configured). With tracing off, {@link #enabled()} is false and the proxy makes no call here.
 */
public final class UpstreamTracing {
    /** Attribute: the upstream's name. */
    public static final String UPSTREAM = "upstream.name";
    /** Attribute: the endpoint ({@code host:port}) the attempt went to. */
    public static final String ENDPOINT = "upstream.endpoint";
    /** Attribute: 1 for the first attempt, 2 for the first retry, ... */
    public static final String ATTEMPT = "upstream.attempt";
    /** Attribute: the endpoint's circuit breaker when the attempt was let through ({@code closed}, {@code half-open}). */
    public static final String CIRCUIT = "upstream.circuit";

    /** Trace context headers a client may send: when the gateway traces, its own replace them upstream. */
    private static final Set<String> TRACE_HEADERS = Set.of("traceparent", "tracestate", "baggage", "uber-trace-id", "b3",
                                                            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
                                                            "x-b3-sampled", "x-b3-flags");
    private static final String JAEGER_BAGGAGE_PREFIX = "uberctx-";

    private final Tracer tracer;
    private final boolean enabled;

    /**
     * Creates the gateway's client tracing.
     *
     * @param tracer the gateway's tracer; the no-op tracer turns client spans off
     */
    public UpstreamTracing(Tracer tracer) {
        this.tracer = tracer;
        this.enabled = tracer.enabled();
    }

    /**
     * Whether the gateway traces.
     *
     * @return {@code true} when spans are made and headers injected
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Whether a client's request header carries trace context (lower-case name).
     *
     * @param lowerCaseName header name
     * @return {@code true} for {@code traceparent}, {@code uber-trace-id}, B3 and baggage headers
     */
    static boolean isTraceHeader(String lowerCaseName) {
        return TRACE_HEADERS.contains(lowerCaseName) || lowerCaseName.startsWith(JAEGER_BAGGAGE_PREFIX);
    }

    /**
     * Starts the span of one attempt.
     *
     * @param parent    the request's server span, if any
     * @param upstream  the upstream's name
     * @param authority the endpoint, {@code host:port}
     * @param method    HTTP method
     * @param path      upstream path, without the query
     * @param attempt   attempt number, from 1
     * @param circuit   the endpoint's circuit breaker state
     * @return the started span
     */
    Span attempt(Optional<SpanContext> parent, String upstream, String authority, String method, String path, int attempt,
                 CircuitBreaker.State circuit) {
        return client(parent, upstream, authority, method, path)
                .tag(ATTEMPT, attempt)
                .tag(CIRCUIT, EndpointMetrics.stateText(circuit))
                .start();
    }

    /**
     * Starts the span of a call the gateway makes on its own behalf, such as fetching health-service's report.
     *
     * @param parent    the request's server span, if any
     * @param upstream  the upstream's name
     * @param authority the endpoint, {@code host:port}
     * @param path      the path
     * @return the started span
     */
    public Span call(Optional<SpanContext> parent, String upstream, String authority, String path) {
        return client(parent, upstream, authority, "GET", path).start();
    }

    /**
     * The span's trace context as request headers.
     *
     * @param span the client span
     * @return header names and values, e.g. {@code traceparent: [00-...-01]}
     */
    public Map<String, List<String>> headers(Span span) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        tracer.inject(span.context(), HeaderProvider.empty(), HeaderConsumer.create(headers));
        return headers;
    }

    private String headerLines(Span span) {
        StringBuilder lines = new StringBuilder(160);
        headers(span).forEach((name, values) -> values.forEach(value -> lines.append(name).append(": ").append(value)
                .append("\r\n")));
        return lines.toString();
    }

    /**
     * A request head with the span's trace context added before its closing empty line.
     *
     * @param span the attempt's span
     * @param head the request head without trace context, ending with the empty line
     * @return a new head
     */
    AsciiBuilder inject(Span span, AsciiBuilder head) {
        String lines = headerLines(span);
        AsciiBuilder traced = new AsciiBuilder(head.length() + lines.length());
        return traced.append(head.buffer(), 0, head.length() - 2).append(lines).append('\r').append('\n');
    }

    /**
     * Records the status of an answer; a 5xx marks the span failed, with an event saying why.
     *
     * @param span   the client span
     * @param status HTTP status
     */
    public static void answered(Span span, int status) {
        span.tag(Tag.HTTP_STATUS.create(status));
        if (status >= 500) {
            span.status(Span.Status.ERROR);
            span.addEvent("error", Map.of("message", "Response HTTP status: " + status, "error.kind", "ServerError"));
        }
    }

    private Span.Builder<?> client(Optional<SpanContext> parent, String upstream, String authority, String method,
                                   String path) {
        Span.Builder<?> span = tracer.spanBuilder(upstream + " " + method + " " + path)
                .kind(Span.Kind.CLIENT)
                .tag(Tag.COMPONENT.create("vigil-gateway"))
                .tag(Tag.HTTP_METHOD.create(method))
                .tag(Tag.HTTP_URL.create("http://" + authority + path))
                .tag(UPSTREAM, upstream)
                .tag(ENDPOINT, authority);
        parent.ifPresent(span::parent);
        return span;
    }
}
