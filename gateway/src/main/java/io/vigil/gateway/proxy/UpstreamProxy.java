package io.vigil.gateway.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.helidon.faulttolerance.RetryTimeoutException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.health.HealthJson;
import io.vigil.common.http.RequestId;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.config.Timeouts;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.http1.AsciiBuilder;
import io.vigil.gateway.http1.Http1Connection;
import io.vigil.gateway.http1.ResponseBody;
import io.vigil.gateway.http1.ResponseHead;

/**
 * Forwards requests along their route to an endpoint of the route's upstream and streams the answer back: status,
 * end-to-end headers and body pass through unchanged in both directions, without holding a body in memory; hop-by-hop
 * headers stay on their hop. Each exchange runs inside the upstream's bulkhead and retry policy and under the
 * {@link Watchdog}; each attempt goes to an endpoint chosen by the upstream's {@link io.vigil.gateway.endpoint.EndpointGroup}
 * (another one on a retry) through that endpoint's circuit breaker. {@link ResponseRelay} sends the answer on;
 * {@link FailureResponses} turns failures into problems naming the upstream. When the gateway traces, each attempt is
 * a client span whose context goes upstream in the request head ({@link UpstreamTracing}).
 *
 * <p>The upstream side is the gateway's own HTTP/1.1 client ({@code io.vigil.gateway.http1}; its package documentation
 * says why).
 */
public final class UpstreamProxy {
    /** The media type of a health report: its 503 is an answer about a dependency, not a failing upstream. */
    private static final String HEALTH_JSON = HealthJson.MEDIA_TYPE.text();

    private final Watchdog watchdog;
    private final LimitSettings limits;
    private final UpstreamTracing tracing;

    /**
     * Creates the gateway's proxy.
     *
     * @param watchdog ends exchanges that overstay
     * @param limits   the gateway's limits on clients
     * @param tracing  client spans, when the gateway traces
     */
    public UpstreamProxy(Watchdog watchdog, LimitSettings limits, UpstreamTracing tracing) {
        this.watchdog = watchdog;
        this.limits = limits;
        this.tracing = tracing;
    }

    /**
     * Forwards a request to {@code path} on the route's upstream, with the request's query string, and relays the
     * answer.
     *
     * @param route    the route the request matched
     * @param request  the gateway's request
     * @param response the gateway's response
     * @param path     upstream path, e.g. {@code /v1/analyze}
     * @throws io.vigil.common.http.ProblemException          502, 503 or 504 naming the upstream, or 408/413 for the
     *                                                         client's body
     * @throws io.helidon.webserver.CloseConnectionException when the exchange broke after the response had started
     */
    public void forward(Route route, ServerRequest request, ServerResponse response, String path) {
        long start = System.nanoTime();
        ExchangeLog log = new ExchangeLog(request);
        log.route(route);
        Forwarding forwarding = forwarding(route, request, path, log);
        Timeouts timeouts = route.settings().timeouts();
        Exchange exchange = new Exchange(Thread.currentThread(), start + timeouts.deadline().toNanos(),
                                         timeouts.read().toNanos(), limits);
        watchdog.track(exchange);
        try {
            route.upstream().resilience().isolated(() -> {
                exchange(route, exchange, request, response, forwarding, start);
                return null;
            });
        } catch (RuntimeException e) {
            exchange.endSpan(e);
            throw route.failures().failed(exchange, request, response, e);
        } finally {
            exchange.endSpan(null);
            exchange.discard();
            exchange.finish();
            watchdog.untrack(exchange);
            Thread.interrupted();
            if (forwarding.pump() != null) {
                route.meters().requestBytes(forwarding.pump().received());
            }
        }
    }

    private static Forwarding forwarding(Route route, ServerRequest request, String path, ExchangeLog log) {
        long contentLength = 0;
        if (request.content().hasEntity()) {
            contentLength = request.headers().contains(HeaderValues.TRANSFER_ENCODING_CHUNKED)
                    ? -1
                    : request.headers().contentLength().orElse(-1);
        }
        if (contentLength > route.settings().maxBodySize()) {
            throw route.failures().tooLarge();
        }
        return new Forwarding(request.prologue().method(), RequestHead.target(path, request.query().rawValue()), path,
                              contentLength, route.upstream().settings().retry().replayBuffer(), log);
    }

    private void exchange(Route route, Exchange exchange, ServerRequest request, ServerResponse response,
                          Forwarding forwarding, long start) {
        if (!exchange.enter(Exchange.Phase.UPSTREAM)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, route.failures().deadlineDetail(), null);
        }
        UpstreamResponse upstream;
        try {
            upstream = route.upstream().resilience().attempts(route.retry(),
                                                              () -> attempt(route, exchange, request, forwarding));
        } catch (RuntimeException e) {
            RuntimeException failure = e instanceof RetryTimeoutException && e.getCause() instanceof RuntimeException cause
                    ? cause : e;
            if (!(failure instanceof UpstreamFailure answered) || answered.response() == null) {
                throw e;
            }
            // The upstream's own 502/503/504, and no retry replaced it: the client gets it as it is.
            upstream = answered.response();
        }
        route.upstream().metrics().latency(System.nanoTime() - start);
        if (!exchange.enter(Exchange.Phase.RELAY)) {
            exchange.discard();
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, route.failures().deadlineDetail(), null);
        }
        route.upstream().metrics().status(upstream.head().status());
        route.relay().relay(exchange, request, response, upstream, forwarding.headRequest());
    }

    /** One attempt: an endpoint, then through its circuit breaker a connection, the request and the response head. */
    private UpstreamResponse attempt(Route route, Exchange exchange, ServerRequest request, Forwarding forwarding) {
        // What an earlier attempt left (a connection, an answer replaced by this retry) goes back first.
        exchange.discard();
        Endpoint endpoint = route.upstream().endpoints().select(forwarding.tried());
        if (endpoint == null) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "Upstream '" + route.upstream().settings().name()
                    + "' has no endpoints (its DNS name resolved to no address yet)", null);
        }
        forwarding.attempt(endpoint);
        forwarding.log().attempt(endpoint, forwarding.tried().size());
        exchange.use(endpoint);
        try {
            return endpoint.call(() -> traced(route, exchange, request, forwarding, endpoint));
        } finally {
            forwarding.log().circuit(endpoint);
        }
    }

    /** An attempt in a client span when tracing. */
    private UpstreamResponse traced(Route route, Exchange exchange, ServerRequest request, Forwarding forwarding,
                                    Endpoint endpoint) {
        AsciiBuilder head = RequestHead.of(request, forwarding.target(), endpoint.address().authority(),
                                           RequestId.of(request).value(), forwarding.contentLength(), tracing.enabled());
        if (!tracing.enabled()) {
            return send(route, exchange, request, forwarding, endpoint, head);
        }
        Span span = tracing.attempt(request.context().get(SpanContext.class), endpoint.upstream(),
                                    endpoint.address().authority(), forwarding.method().text(), forwarding.path(),
                                    exchange.nextAttempt(), endpoint.breaker().state());
        try {
            UpstreamResponse response = send(route, exchange, request, forwarding, endpoint, tracing.inject(span, head));
            UpstreamTracing.answered(span, response.head().status());
            // The span lasts until the answer has been relayed: the upstream's work shows inside it.
            exchange.span(span);
            return response;
        } catch (UpstreamFailure e) {
            if (e.response() != null) {
                UpstreamTracing.answered(span, e.response().head().status());
                span.end();
            } else {
                span.end(e);
            }
            throw e;
        } catch (RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    private UpstreamResponse send(Route route, Exchange exchange, ServerRequest request, Forwarding forwarding,
                                  Endpoint endpoint, AsciiBuilder head) {
        long connectMillis = connectTimeoutMillis(route, exchange);
        long start = System.nanoTime();
        try {
            // A request that can be sent again needs no check that an idle connection is still open.
            Http1Connection connection = endpoint.pool().borrow(connectMillis, forwarding.idempotent() && !forwarding.hasBody());
            exchange.connection(connection);
            try {
                return exchange(route, exchange, request, forwarding, endpoint, head, start);
            } catch (IOException e) {
                if (!stale(connection, exchange, forwarding)) {
                    throw e;
                }
                // An idle connection the upstream had closed: send again on a new one (not a retry).
                endpoint.pool().discard(connection);
                exchange.connection(endpoint.pool().open(connectMillis));
                return exchange(route, exchange, request, forwarding, endpoint, head, start);
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            UpstreamFailure failure = classify(route, exchange, forwarding, cause);
            endpoint.metrics().failure(switch (failure.kind()) {
                case TIMEOUT -> "timeout";
                case UNREACHABLE -> "unreachable";
                case BROKEN, ANSWERED -> "broken";
            });
            exchange.discard();
            throw failure;
        }
    }

    /**
     * Whether a failure on a pooled connection just means the upstream had closed it while it was idle, and the request
     * may go again on a new connection: nothing came back, the body was not started, and the head either did not go
     * out or belongs to a request that may be repeated.
     */
    private static boolean stale(Http1Connection connection, Exchange exchange, Forwarding forwarding) {
        return connection.reused() && !connection.reader().received() && exchange.abort() == null && forwarding.pump() == null
                && (!forwarding.sent() || forwarding.idempotent());
    }

    /** Sends the request on the exchange's connection and reads the response head; the attempt started at {@code start}. */
    private UpstreamResponse exchange(Route route, Exchange exchange, ServerRequest request, Forwarding forwarding,
                                      Endpoint endpoint, AsciiBuilder requestHead, long start) throws IOException {
        Http1Connection connection = exchange.connection();
        BodyPump pump = null;
        try {
            connection.write(requestHead.buffer(), 0, requestHead.length());
            forwarding.headWritten();
            pump = sendBody(route, exchange, request, forwarding, connection);
            exchange.upstreamReading(true);
            ResponseHead head = ResponseHead.read(connection.reader());
            exchange.upstreamReading(false);
            endpoint.metrics().status(head.status());
            endpoint.metrics().latency(System.nanoTime() - start);
            return checked(route, forwarding, endpoint, new UpstreamResponse(head, ResponseBody.of(connection.reader(), head,
                    forwarding.headRequest()), pump));
        } catch (IOException e) {
            if (pump != null) {
                exchange.abortConnection();
                pump.await(BodyPump.GRACE_MILLIS);
                if (pump.clientFailure() != null || exchange.abort() == Exchange.Abort.BODY_TIMEOUT) {
                    throw new ClientFailure(pump.clientFailure(), exchange.abort());
                }
            }
            throw e;
        }
    }

    /**
     * The answer, unless it speaks against the upstream (then a failure, which the client still gets if no retry
     * replaces it). A 502 or 503 from an endpoint that is going away may be asked of another endpoint.
     */
    private static UpstreamResponse checked(Route route, Forwarding forwarding, Endpoint endpoint, UpstreamResponse response) {
        ResponseHead head = response.head();
        boolean closing = closing(head);
        if (closing) {
            // A draining Vigil service answers with Connection: close: ask its readiness now rather than later.
            route.upstream().endpoints().probe().probeSoon(endpoint);
        }
        if (!failing(head)) {
            return response;
        }
        boolean draining = closing || !endpoint.readiness().ready();
        throw UpstreamFailure.answered(response, draining && head.status() != 504 && forwarding.idempotent()
                && forwarding.bodyReplayable(0));
    }

    /** Starts the body: the client's, pumped as it comes, or on a retry the copy the replay buffer kept. */
    private static BodyPump sendBody(Route route, Exchange exchange, ServerRequest request, Forwarding forwarding,
                                     Http1Connection connection) throws IOException {
        if (!forwarding.hasBody()) {
            return null;
        }
        if (forwarding.pump() != null) {
            // A retry: the whole body is in the replay buffer (else the request would not have been retried), and it
            // is small enough for the socket's buffers, so it is written at once.
            ReplayBuffer replay = forwarding.replay();
            if (forwarding.contentLength() < 0) {
                if (replay.length() > 0) {
                    connection.writeChunk(replay.bytes(), 0, replay.length());
                }
                connection.writeLastChunk();
            } else {
                connection.write(replay.bytes(), 0, replay.length());
            }
            return null;
        }
        BodyPump pump = BodyPump.start(request, connection, exchange, forwarding.contentLength(),
                                       route.settings().maxBodySize(), forwarding.replay());
        forwarding.pump(pump);
        exchange.pump(pump);
        return pump;
    }

    /** An answer that speaks against the upstream; a failing health report (health-service's 503) does not. */
    private static boolean failing(ResponseHead head) {
        int status = head.status();
        if (status != 502 && status != 503 && status != 504) {
            return false;
        }
        String type = head.header(HeaderNames.CONTENT_TYPE);
        return type == null || !type.trim().toLowerCase(Locale.ROOT).startsWith(HEALTH_JSON);
    }

    private static boolean closing(ResponseHead head) {
        String connection = head.header(HeaderNames.CONNECTION);
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }

    private static UpstreamFailure classify(Route route, Exchange exchange, Forwarding forwarding, Throwable cause) {
        if (exchange.abort() == Exchange.Abort.BODY_TIMEOUT) {
            throw new ClientFailure(null, Exchange.Abort.BODY_TIMEOUT);
        }
        if (exchange.abort() == Exchange.Abort.DEADLINE || remainingMillis(exchange) <= 1) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, route.failures().deadlineDetail(), cause);
        }
        boolean retryable = forwarding.retryable(BodyPump.GRACE_MILLIS);
        String name = "Upstream '" + route.upstream().settings().name() + "'";
        if (exchange.abort() == Exchange.Abort.READ_TIMEOUT) {
            return UpstreamFailure.of(UpstreamFailure.Kind.TIMEOUT, name + " did not answer within "
                    + route.settings().timeouts().read(), cause, retryable);
        }
        return transportFailure(route.settings().timeouts(), name, forwarding, cause, retryable);
    }

    private static UpstreamFailure transportFailure(Timeouts timeouts, String name, Forwarding forwarding, Throwable cause,
                                                    boolean retryable) {
        if (cause instanceof SocketTimeoutException) {
            boolean connecting = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            return UpstreamFailure.of(UpstreamFailure.Kind.TIMEOUT, name + (connecting
                    ? " did not accept a connection within " + timeouts.connect()
                    : " did not answer within " + timeouts.read()), cause, retryable);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return UpstreamFailure.of(UpstreamFailure.Kind.UNREACHABLE, name + " at " + forwarding.tried().getLast().address()
                    + " refused the connection", cause, retryable);
        }
        return UpstreamFailure.of(UpstreamFailure.Kind.BROKEN, name + " broke off the exchange"
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause, retryable);
    }

    private static long connectTimeoutMillis(Route route, Exchange exchange) {
        return Math.max(1, Math.min(route.settings().timeouts().connect().toMillis(), remainingMillis(exchange)));
    }

    private static long remainingMillis(Exchange exchange) {
        return TimeUnit.NANOSECONDS.toMillis(exchange.remainingNanos(System.nanoTime()));
    }
}
