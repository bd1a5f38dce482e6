package io.vigil.common.accesslog;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.http.CountingInputStream;
import io.vigil.common.http.RequestId;

/**
 * Logs each request once, when its response has completed: the outermost routing filter, it counts the request body
 * bytes read (a stream filter on the request), takes the response body's size from its {@code Content-Length} or,
 * for a streamed one, from {@link AccessLogFields#countedOutputStream}, and writes the line when Helidon reports the
 * response sent. An error response written after the filter chain (an inner filter threw) is logged when it is sent;
 * a connection closed without a complete response is logged at once, marked aborted.
 */
final class AccessLogFilter implements Filter {
    /** The status logged when a connection closed before any of the response was sent (nginx's choice). */
    static final int CLOSED_WITHOUT_RESPONSE = 499;

    private final String service;
    private final boolean includeQuery;
    private final List<String> excludePaths;
    private final AccessLogWriter writer;

    AccessLogFilter(String service, AccessLogSettings settings, AccessLogWriter writer) {
        this.service = service;
        this.includeQuery = settings.includeQuery();
        this.excludePaths = settings.excludePaths();
        this.writer = writer;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (excluded(request.prologue().uriPath().rawPath())) {
            chain.proceed();
            return;
        }
        Exchange exchange = new Exchange(request, response);
        request.context().register(exchange.fields);
        request.streamFilter(exchange::countIn);
        response.whenSent(exchange::sent);
        RuntimeException failure = null;
        try {
            chain.proceed();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            exchange.chainDone(failure);
        }
    }

    /** Whether the path is one of the excluded prefixes or lies below one. */
    boolean excluded(String path) {
        for (String prefix : excludePaths) {
            if (path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/' || prefix.equals("/"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an exception closes the connection: no response will follow it. */
    private static boolean closesConnection(RuntimeException e) {
        return e instanceof CloseConnectionException || e instanceof ServerConnectionException
                || e instanceof UncheckedIOException;
    }

    /** One logged request: its counters and its completion; used by the request's thread only. */
    private final class Exchange {
        private final RoutingRequest request;
        private final RoutingResponse response;
        private final long startMillis = System.currentTimeMillis();
        private final long startNanos = System.nanoTime();
        private final AccessLogFields fields = AccessLogFields.create();
        private CountingInputStream in;
        /** {@link System#nanoTime()} when the response was sent, or 0. */
        private long sentNanos;
        private boolean chainDone;
        private boolean logged;

        Exchange(RoutingRequest request, RoutingResponse response) {
            this.request = request;
            this.response = response;
        }

        InputStream countIn(InputStream stream) {
            in = new CountingInputStream(stream);
            return in;
        }

        void sent() {
            sentNanos = System.nanoTime();
            if (chainDone) {
                // An error response written after the chain, by Helidon's error handling.
                log(sentNanos, false);
            }
        }

        void chainDone(RuntimeException failure) {
            chainDone = true;
            if (failure != null && closesConnection(failure)) {
                log(sentNanos == 0 ? System.nanoTime() : sentNanos, true);
            } else if (failure == null || sentNanos != 0) {
                log(sentNanos == 0 ? System.nanoTime() : sentNanos, false);
            }
            // Otherwise the error response is still to be sent: sent() logs it.
        }

        private void log(long endNanos, boolean aborted) {
            if (logged) {
                return;
            }
            logged = true;
            HttpPrologue prologue = request.prologue();
            int status = response.status().code();
            if (aborted && !response.isSent() && response.bytesWritten() == 0) {
                status = CLOSED_WITHOUT_RESPONSE;
            }
            Optional<SpanContext> span = request.context().get(Span.class).map(Span::context);
            String query = includeQuery ? emptyToNull(QueryRedaction.redact(prologue.query().rawValue())) : null;
            writer.offer(new AccessRecord(service, startMillis, endNanos - startNanos, RequestId.of(request).value(),
                                          span.map(SpanContext::traceId).orElse(null),
                                          span.map(SpanContext::spanId).orElse(null),
                                          request.remotePeer().host(), fields.keyId(), prologue.method().text(),
                                          prologue.uriPath().rawPath(), query, prologue.rawProtocol(), status,
                                          in == null ? 0 : in.count(), bytesOut(prologue, status),
                                          request.headers().first(HeaderNames.USER_AGENT).orElse(null),
                                          referer(), aborted, fields.snapshot()));
        }

        /**
         * The response body's size: what a streamed body counted, else its {@code Content-Length} (Helidon sets it
         * for a body sent whole), else nothing for a response without a body; -1 when unknown (an uncounted stream).
         */
        private long bytesOut(HttpPrologue prologue, int status) {
            long streamed = fields.streamedBytes();
            if (streamed >= 0) {
                return streamed;
            }
            if (prologue.method() == Method.HEAD || status < 200 || status == 204 || status == 304) {
                return 0;
            }
            return response.headers().contentLength().orElse(response.isSent() || response.bytesWritten() > 0 ? -1 : 0);
        }

        /** The referer, without its query unless queries are logged (redacted then), since it may carry secrets. */
        private String referer() {
            Optional<String> referer = request.headers().first(HeaderNames.REFERER);
            if (referer.isEmpty()) {
                return null;
            }
            String value = referer.get();
            int question = value.indexOf('?');
            if (question < 0) {
                return value;
            }
            return includeQuery
                    ? value.substring(0, question + 1) + QueryRedaction.redact(value.substring(question + 1))
                    : value.substring(0, question);
        }

        private static String emptyToNull(String text) {
            return text.isEmpty() ? null : text;
        }
    }
}
