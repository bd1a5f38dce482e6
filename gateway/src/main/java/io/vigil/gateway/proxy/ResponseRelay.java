package io.vigil.gateway.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.accesslog.AccessLogFields;
import io.vigil.common.http.ConnectionAbort;
import io.vigil.gateway.http1.HopByHop;
import io.vigil.gateway.http1.ResponseBody;
import io.vigil.gateway.http1.ResponseHead;
import io.vigil.gateway.traffic.CutOff;
import io.vigil.gateway.traffic.RouteMeters;

/**
 * Relays an upstream's response to the client: status and end-to-end headers unchanged, a small body of known
 * length in one write, any other body streamed as it arrives (flushed whenever the upstream pauses, so NDJSON
 * records reach the client as they are produced). Afterwards the exchange hands the connection back for reuse only if
 * both directions ended cleanly.
 */
final class ResponseRelay {
    private static final System.Logger LOGGER = System.getLogger(ResponseRelay.class.getName());
    /** Response headers the gateway sets itself. */
    private static final Set<String> REPLACED = Set.of("content-length", "x-request-id");
    /** When the gateway traces, it sends its own {@code X-Trace-Id} (the same trace, told from the gateway's span). */
    private static final Set<String> REPLACED_TRACED = Set.of("content-length", "x-request-id", "x-trace-id");
    /** A response body up to this size with a known length is read whole and sent in one write. */
    private static final int SMALL_BODY = 64 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final String upstream;
    private final Duration readTimeout;
    private final String deadlineDetail;
    private final Set<String> replaced;
    private final RouteMeters meters;

    ResponseRelay(String upstream, Duration readTimeout, String deadlineDetail, boolean traced, RouteMeters meters) {
        this.upstream = upstream;
        this.readTimeout = readTimeout;
        this.deadlineDetail = deadlineDetail;
        this.replaced = traced ? REPLACED_TRACED : REPLACED;
        this.meters = meters;
    }

    /**
     * Sends the upstream's response to the client and then returns the connection to the pool or closes it.
     *
     * @param exchange    the exchange, told while reads and writes block; it owns the connection
     * @param request     the client's request
     * @param response    the client's response
     * @param upstream    the upstream's response, head read
     * @param headRequest whether the request was {@code HEAD}
     * @throws UpstreamFailure when the body fails before anything was sent (still a problem)
     * @throws io.helidon.webserver.CloseConnectionException when it fails after the response started
     */
    void relay(Exchange exchange, ServerRequest request, ServerResponse response, UpstreamResponse upstream,
               boolean headRequest) {
        ResponseHead head = upstream.head();
        ResponseBody body = upstream.body();
        if (!head.hasBody(headRequest)) {
            exchange.headersRelayed();
            headers(response, head);
            response.send();
        } else if (head.contentLength() >= 0 && head.contentLength() <= SMALL_BODY) {
            byte[] bytes = readSmall(exchange, upstream, (int) head.contentLength());
            exchange.headersRelayed();
            headers(response, head);
            response.send(bytes);
            meters.responseBytes(bytes.length);
        } else {
            stream(exchange, request, response, upstream);
        }
        finish(exchange, request, upstream, body.complete());
    }

    private byte[] readSmall(Exchange exchange, UpstreamResponse upstream, int length) {
        byte[] bytes = new byte[length];
        try {
            int read = 0;
            while (read < length) {
                int n = readUpstream(exchange, upstream.body(), bytes, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return bytes;
        } catch (IOException e) {
            exchange.discard();
            throw bodyFailure(exchange, e);
        }
    }

    private static int readUpstream(Exchange exchange, ResponseBody body, byte[] buffer, int offset, int length)
            throws IOException {
        exchange.upstreamReading(true);
        try {
            return body.read(buffer, offset, length);
        } finally {
            exchange.upstreamReading(false);
        }
    }

    /**
     * Streams a large or chunked body; the status and headers go out with the first bytes, so a failure before
     * them is still a problem document, and one after them closes the client's connection (a truncated body must
     * never look complete).
     */
    private void stream(Exchange exchange, ServerRequest request, ServerResponse response, UpstreamResponse upstream) {
        byte[] buffer = new byte[COPY_BUFFER];
        ResponseBody body = upstream.body();
        int n;
        try {
            n = readUpstream(exchange, body, buffer, 0, buffer.length);
        } catch (IOException e) {
            exchange.discard();
            throw bodyFailure(exchange, e);
        }
        exchange.headersRelayed();
        headers(response, upstream.head());
        if (upstream.head().contentLength() >= 0) {
            response.header(HeaderNames.CONTENT_LENGTH, Long.toString(upstream.head().contentLength()));
        }
        // Counted for the access log: a streamed answer's size is known only from what went through.
        OutputStream out = AccessLogFields.of(request).countedOutputStream(response);
        long relayed = 0;
        boolean writing = false;
        try {
            while (n >= 0) {
                if (n > 0) {
                    writing = true;
                    exchange.clientWriting(true);
                    out.write(buffer, 0, n);
                    relayed += n;
                    if (body.available() == 0) {
                        out.flush();
                    }
                    exchange.clientWriting(false);
                    writing = false;
                }
                n = readUpstream(exchange, body, buffer, 0, buffer.length);
            }
            writing = true;
            out.close();
        } catch (IOException | RuntimeException e) {
            exchange.discard();
            CutOff.mark(request, writing);
            LOGGER.log(Level.DEBUG, () -> "Relaying the response of upstream '" + upstream + "' failed", e);
            throw ConnectionAbort.abort(request, "relaying the response of upstream '" + upstream + "' failed", e);
        } finally {
            exchange.clientWriting(false);
            meters.responseBytes(relayed);
        }
    }

    private UpstreamFailure bodyFailure(Exchange exchange, IOException e) {
        return switch (exchange.abort()) {
            case READ_TIMEOUT -> new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "Upstream '" + upstream
                    + "' did not send its response body within " + readTimeout, e);
            case DEADLINE -> new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, deadlineDetail, e);
            case null, default -> new UpstreamFailure(UpstreamFailure.Kind.BROKEN, "Upstream '" + upstream
                    + "' broke off its response body (" + e.getMessage() + ")", e);
        };
    }

    /**
     * Hands the connection back for reuse when both directions ended cleanly; otherwise to be closed. A pump still
     * running gets a grace period first: on a busy machine one that sent everything may not have said so yet, and
     * closing the client's connection after a complete answer would fail whatever the client sends next on it.
     */
    private static void finish(Exchange exchange, ServerRequest request, UpstreamResponse upstream, boolean bodyComplete) {
        BodyPump pump = upstream.pump();
        if (pump != null && !pump.await(BodyPump.GRACE_MILLIS)) {
            // The upstream answered without taking the whole body: it does not want the rest, which the pump drains.
            exchange.discard();
            pump.awaitStopped(BodyPump.DRAIN_MILLIS);
            throw ConnectionAbort.abort(request, "the request body was not consumed", null);
        }
        if (pump != null && !pump.completed()) {
            exchange.discard();
            pump.awaitStopped(BodyPump.DRAIN_MILLIS);
            throw ConnectionAbort.abort(request, "the request body was not consumed", null);
        }
        if (bodyComplete && upstream.head().keepAlive()) {
            exchange.release();
        } else {
            exchange.discard();
        }
    }

    private void headers(ServerResponse response, ResponseHead head) {
        response.status(Status.create(head.status()));
        Set<String> hopByHop = HopByHop.of(head.headers());
        for (Header header : head.headers()) {
            String name = header.headerName().lowerCase();
            if (!hopByHop.contains(name) && !replaced.contains(name)) {
                response.headers().add(header);
            }
        }
    }
}
