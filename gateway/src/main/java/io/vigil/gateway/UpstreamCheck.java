package io.vigil.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;

import io.vigil.common.Result;
import io.vigil.common.health.HealthJson;

/**
 * A small bodiless GET to an upstream for health reporting, on a connection of its own (so a probe never
 * shares fate with pooled traffic), bounded by one timeout for the whole exchange and by a body size. When the
 * gateway traces, the call is a client span of the request that asked for it.
 */
final class UpstreamCheck {
    private static final int MAX_BODY = 1 << 20;

    private UpstreamCheck() {
    }

    /**
     * What a check got back.
     *
     * @param status  HTTP status
     * @param body    body, at most 1 MiB
     * @param elapsed how long the exchange took
     */
    record Answer(int status, String body, Duration elapsed) {
    }

    /**
     * Calls {@code GET path} on an upstream, in a client span when the gateway traces.
     *
     * @param settings  the upstream
     * @param path      path, e.g. {@code /observe/health/ready}
     * @param requestId id to send as {@code X-Request-Id}
     * @param timeout   longest time for the whole exchange
     * @param tracing   the gateway's client tracing
     * @param parent    the span of the request that asked, if any
     * @return the answer, or why there was none
     */
    static Result<Answer> get(UpstreamSettings settings, String path, String requestId, Duration timeout,
                              UpstreamTracing tracing, Optional<SpanContext> parent) {
        if (!tracing.enabled()) {
            return get(settings, path, requestId, timeout, "");
        }
        Span span = tracing.probe(parent, settings, path);
        Result<Answer> answer = get(settings, path, requestId, timeout, tracing.headerLines(span));
        switch (answer) {
            case Result.Ok<Answer> ok -> UpstreamTracing.answered(span, ok.value().status());
            case Result.Err<Answer> err -> {
                span.status(Span.Status.ERROR);
                span.addEvent("error", Map.of("message", err.reason()));
            }
        }
        span.end();
        return answer;
    }

    private static Result<Answer> get(UpstreamSettings settings, String path, String requestId, Duration timeout,
                                      String traceHeaders) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (UpstreamConnection connection = UpstreamConnection.open(settings.baseUri().getHost(), settings.port(),
                                                                     (int) timeout.toMillis())) {
            byte[] request = ("GET " + settings.pathPrefix() + path + " HTTP/1.1\r\nHost: " + settings.hostHeader()
                    + "\r\nAccept: " + HealthJson.MEDIA_TYPE.text() + ", application/json\r\nX-Request-Id: " + requestId
                    + "\r\nConnection: close\r\n" + traceHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            connection.write(request, 0, request.length);
            connection.readTimeout(remainingMillis(deadline));
            ResponseHead head = ResponseHead.read(connection.reader());
            ResponseBody body = ResponseBody.of(connection.reader(), head, false);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (bytes.size() <= MAX_BODY && (n = body.read(buffer, 0, buffer.length)) >= 0) {
                bytes.write(buffer, 0, n);
                connection.readTimeout(remainingMillis(deadline));
            }
            return Result.ok(new Answer(head.status(), bytes.toString(StandardCharsets.UTF_8),
                                        Duration.ofNanos(System.nanoTime() - start)));
        } catch (SocketTimeoutException e) {
            return Result.err("no answer within " + timeout);
        } catch (IOException e) {
            return Result.err(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static long remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return remaining;
    }
}
