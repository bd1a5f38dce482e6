package io.vigil.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.RetryTimeoutException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.http.ConnectionAbort;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.ProblemWriter;
import io.vigil.common.http.RequestId;

/**
 * Forwards requests to one upstream and streams the answer back: status, end-to-end headers and body pass
 * through unchanged in both directions, without holding a body in memory; hop-by-hop headers stay on their
 * hop. Each exchange runs inside the upstream's {@link Resilience} policies and under the {@link Watchdog};
 * {@link ResponseRelay} sends the answer on; failures become problem documents naming the upstream
 * ({@link UpstreamProblems}). When the gateway traces, each attempt is a client span whose context goes upstream in
 * the request head ({@link UpstreamTracing}).
 *
 * <p>Why not Helidon's WebClient: in 4.1.2 its HTTP/1.1 client reads the response only after the whole request
 * body was written ({@code Http1CallOutputStreamChain}), so an upstream that streams its answer while reading
 * (NDJSON from {@code /v1/parse}) deadlocks once socket buffers fill; and a streamed body with
 * {@code Content-Length} is switched to chunked after the first write while the first write's buffer is kept by
 * reference, so a reused buffer corrupts it. The upstream side is therefore a small HTTP/1.1 client of its own
 * ({@link UpstreamConnection}, {@link ResponseHead}, {@link ResponseBody}) with keep-alive pooling.
 */
final class UpstreamProxy {
    private static final System.Logger LOGGER = System.getLogger(UpstreamProxy.class.getName());
    private static final Set<Method> IDEMPOTENT = Set.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.TRACE, Method.PUT,
                                                         Method.DELETE);
    /** How long a failed exchange waits for the request-body pump before giving up on the connection. */
    private static final long PUMP_GRACE_MILLIS = 1_000;

    private final UpstreamSettings settings;
    private final UpstreamPool pool;
    private final Resilience resilience;
    private final UpstreamMetrics metrics;
    private final UpstreamProblems problems;
    private final ResponseRelay relay;
    private final Watchdog watchdog;
    private final LimitSettings limits;
    private final UpstreamTracing tracing;
    private final long deadlineNanos;
    private final long readTimeoutNanos;
    private final String hostHeader;
    private final String pathPrefix;

    UpstreamProxy(UpstreamSettings settings, Watchdog watchdog, LimitSettings limits, UpstreamTracing tracing) {
        this.settings = settings;
        this.deadlineNanos = settings.deadline().toNanos();
        this.readTimeoutNanos = settings.readTimeout().toNanos();
        this.hostHeader = settings.hostHeader();
        this.pathPrefix = settings.pathPrefix();
        this.pool = new UpstreamPool(settings);
        this.metrics = new UpstreamMetrics(settings.name());
        this.resilience = new Resilience(settings, metrics);
        this.problems = new UpstreamProblems(settings);
        this.relay = new ResponseRelay(settings, pool, tracing.enabled());
        this.watchdog = watchdog;
        this.limits = limits;
        this.tracing = tracing;
    }

    /** What is sent upstream for one client request; {@code method} and {@code path} name its spans. */
    private record Outgoing(AsciiBuilder head, long contentLength, boolean retryable, boolean headRequest, String method,
                            String path) {
        boolean hasBody() {
            return contentLength != 0;
        }
    }

    /**
     * Forwards a request to {@code path} on the upstream, with the request's query string, and relays the answer.
     *
     * @param request  the gateway's request
     * @param response the gateway's response
     * @param path     upstream path, e.g. {@code /v1/analyze}
     * @throws ProblemException         502, 503 or 504 naming the upstream, or 408/413 for the client's body
     * @throws CloseConnectionException when the exchange broke after the response had started
     */
    void forward(ServerRequest request, ServerResponse response, String path) {
        long start = System.nanoTime();
        Outgoing outgoing = outgoing(request, path);
        Exchange exchange = new Exchange(Thread.currentThread(), start + deadlineNanos, readTimeoutNanos, limits);
        watchdog.track(exchange);
        try {
            resilience.isolated(() -> {
                exchange(exchange, request, response, outgoing, start);
                return null;
            });
        } catch (RuntimeException e) {
            exchange.endSpan(e);
            throw failed(exchange, request, response, e);
        } finally {
            exchange.endSpan(null);
            exchange.finish();
            watchdog.untrack(exchange);
            Thread.interrupted();
        }
    }

    /**
     * The upstream's circuit breaker state, for health reports.
     *
     * @return the resilience policies
     */
    Resilience resilience() {
        return resilience;
    }

    /**
     * The upstream's settings.
     *
     * @return settings
     */
    UpstreamSettings settings() {
        return settings;
    }

    private Outgoing outgoing(ServerRequest request, String path) {
        long contentLength = 0;
        if (request.content().hasEntity()) {
            contentLength = request.headers().contains(HeaderValues.TRANSFER_ENCODING_CHUNKED)
                    ? -1
                    : request.headers().contentLength().orElse(-1);
        }
        Method method = request.prologue().method();
        String target = RequestHead.target(pathPrefix, path, request.query().rawValue());
        AsciiBuilder head = RequestHead.of(request, target, hostHeader, RequestId.of(request).value(), contentLength,
                                           tracing.enabled());
        return new Outgoing(head, contentLength, contentLength == 0 && IDEMPOTENT.contains(method), method == Method.HEAD,
                            method.text(), pathPrefix + path);
    }

    private void exchange(Exchange exchange, ServerRequest request, ServerResponse response, Outgoing outgoing, long start) {
        if (!exchange.enter(Exchange.Phase.UPSTREAM)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, problems.deadline().detail(), null);
        }
        UpstreamResponse upstream;
        try {
            upstream = resilience.attempts(outgoing.retryable(), () -> attempt(exchange, request, outgoing));
        } catch (UpstreamErrorStatus e) {
            upstream = e.response();
        }
        metrics.latency(System.nanoTime() - start);
        if (!exchange.enter(Exchange.Phase.RELAY)) {
            upstream.connection().close();
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, problems.deadline().detail(), null);
        }
        metrics.status(upstream.head().status());
        relay.relay(exchange, request, response, upstream, outgoing.headRequest());
    }

    /** One attempt, in a client span when tracing: a connection, the request, the response head. */
    private UpstreamResponse attempt(Exchange exchange, ServerRequest request, Outgoing outgoing) {
        if (!tracing.enabled()) {
            return attempt(exchange, request, outgoing, outgoing.head());
        }
        Span span = tracing.attempt(request.context().get(SpanContext.class), settings, outgoing.method(), outgoing.path(),
                                    exchange.nextAttempt(), resilience.breaker().state());
        try {
            UpstreamResponse response = attempt(exchange, request, outgoing, tracing.inject(span, outgoing.head()));
            UpstreamTracing.answered(span, response.head().status());
            // The span lasts until the answer has been relayed: the upstream's work shows inside it.
            exchange.span(span);
            return response;
        } catch (UpstreamErrorStatus e) {
            UpstreamTracing.answered(span, e.response().head().status());
            span.end();
            throw e;
        } catch (RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    private UpstreamResponse attempt(Exchange exchange, ServerRequest request, Outgoing outgoing, AsciiBuilder head) {
        UpstreamConnection connection = null;
        try {
            connection = pool.borrow(connectTimeoutMillis(exchange), outgoing.retryable());
            try {
                return send(exchange, request, outgoing, head, connection);
            } catch (IOException e) {
                if (!outgoing.retryable() || !connection.reused() || connection.reader().received()
                        || exchange.abort() != null) {
                    throw e;
                }
                // An idle connection the upstream had closed: send again on a new one (not a retry).
                connection.close();
                connection = UpstreamConnection.open(settings.baseUri().getHost(), settings.port(),
                                                     (int) connectTimeoutMillis(exchange));
                return send(exchange, request, outgoing, head, connection);
            }
        } catch (IOException | UncheckedIOException e) {
            if (connection != null) {
                connection.close();
            }
            exchange.connection(null);
            throw classify(exchange, outgoing, e);
        }
    }

    private UpstreamResponse send(Exchange exchange, ServerRequest request, Outgoing outgoing, AsciiBuilder requestHead,
                                  UpstreamConnection connection) throws IOException {
        exchange.connection(connection);
        BodyPump pump = null;
        try {
            connection.write(requestHead.buffer(), 0, requestHead.length());
            if (outgoing.hasBody()) {
                pump = BodyPump.start(request, connection, exchange, outgoing.contentLength());
                exchange.pump(pump);
            }
            exchange.upstreamReading(true);
            ResponseHead head = ResponseHead.read(connection.reader());
            exchange.upstreamReading(false);
            UpstreamResponse response = new UpstreamResponse(connection, head,
                                                             ResponseBody.of(connection.reader(), head, outgoing.headRequest()),
                                                             pump);
            int status = head.status();
            // A failing health report (health-service's 503) is a good answer about a bad dependency: counted by the
            // breaker, it would open the circuit and hide the report exactly when it matters.
            if ((status == 502 || status == 503 || status == 504) && !head.healthReport()) {
                throw new UpstreamErrorStatus(response);
            }
            return response;
        } catch (IOException e) {
            if (pump != null) {
                connection.close();
                pump.await(PUMP_GRACE_MILLIS);
                if (pump.clientFailure() != null || exchange.abort() == Exchange.Abort.BODY_TIMEOUT) {
                    throw new ClientFailure(pump.clientFailure(), exchange.abort());
                }
            }
            throw e;
        }
    }

    private RuntimeException classify(Exchange exchange, Outgoing outgoing, Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (exchange.abort() == Exchange.Abort.BODY_TIMEOUT) {
            return new ClientFailure(null, Exchange.Abort.BODY_TIMEOUT);
        }
        if (exchange.abort() == Exchange.Abort.DEADLINE || remainingMillis(exchange) <= 1) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, problems.deadline().detail(), cause);
        }
        if (exchange.abort() == Exchange.Abort.READ_TIMEOUT) {
            return failure(outgoing, UpstreamFailure.Kind.TIMEOUT, "Upstream '" + settings.name() + "' did not answer within "
                    + settings.readTimeout(), cause);
        }
        return transportFailure(outgoing, cause);
    }

    private UpstreamFailure transportFailure(Outgoing outgoing, Throwable cause) {
        String name = "Upstream '" + settings.name() + "'";
        if (cause instanceof SocketTimeoutException) {
            boolean connecting = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            return failure(outgoing, UpstreamFailure.Kind.TIMEOUT, name + (connecting
                    ? " did not accept a connection within " + settings.connectTimeout()
                    : " did not answer within " + settings.readTimeout()), cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return failure(outgoing, UpstreamFailure.Kind.UNREACHABLE,
                           name + " at " + settings.baseUri() + " refused the connection", cause);
        }
        return failure(outgoing, UpstreamFailure.Kind.BROKEN, name + " broke off the exchange"
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    private static UpstreamFailure failure(Outgoing outgoing, UpstreamFailure.Kind kind, String detail, Throwable cause) {
        return outgoing.retryable()
                ? new UpstreamFailure.Retryable(kind, detail, cause)
                : new UpstreamFailure(kind, detail, cause);
    }

    /**
     * Turns a failed exchange into the exception that answers the client. When part of the request body was
     * left unread, the answer is written here and the connection closed, since the rest of the body will not
     * be read.
     */
    private RuntimeException failed(Exchange exchange, ServerRequest request, ServerResponse response, RuntimeException e) {
        Thread.interrupted();
        RuntimeException answer = answer(exchange, e instanceof RetryTimeoutException
                && e.getCause() instanceof RuntimeException cause ? cause : e);
        if (answer instanceof ProblemException problem && exchange.bodyPending()) {
            exchange.stopPump(PUMP_GRACE_MILLIS);
            if (!response.isSent()) {
                problem.headers().forEach(response::header);
                response.header(HeaderValues.CONNECTION_CLOSE);
                ProblemWriter.send(request, response, problem.problem());
            }
            return ConnectionAbort.abort(request, "the request body was not consumed", e);
        }
        if (answer instanceof CloseConnectionException) {
            return ConnectionAbort.abort(request, answer.getMessage(), e);
        }
        return answer;
    }

    private RuntimeException answer(Exchange exchange, RuntimeException failure) {
        return switch (failure) {
            case CloseConnectionException close -> close;
            case ClientFailure client -> clientFailed(client);
            case CircuitBreakerOpenException open -> rejected("circuit-open", problems.circuitOpen(), true);
            case BulkheadException full when exchange.abort() == Exchange.Abort.DEADLINE -> timedOut(problems.deadline());
            case BulkheadException full -> rejected("bulkhead-full", problems.busy(), false);
            case UpstreamFailure upstream -> upstreamFailed(upstream);
            default -> failure;
        };
    }

    private RuntimeException rejected(String outcome, Problem problem, boolean circuitOpen) {
        metrics.outcome(outcome);
        return new ProblemException(problem, HeaderValues.create(HeaderNames.RETRY_AFTER,
                                                                 problems.retryAfterSeconds(circuitOpen)));
    }

    private RuntimeException timedOut(Problem problem) {
        metrics.outcome("timeout");
        LOGGER.log(Level.WARNING, problem.detail());
        return new ProblemException(problem);
    }

    private RuntimeException upstreamFailed(UpstreamFailure failure) {
        metrics.outcome(switch (failure.kind()) {
            case TIMEOUT -> "timeout";
            case UNREACHABLE -> "unreachable";
            case BROKEN -> "broken";
        });
        LOGGER.log(Level.WARNING, failure.getMessage());
        if (failure.kind() == UpstreamFailure.Kind.TIMEOUT) {
            return new ProblemException(problems.of(failure));
        }
        // Refused or broken connections are what a restarting upstream looks like: worth trying again shortly.
        return new ProblemException(problems.of(failure), HeaderValues.create(HeaderNames.RETRY_AFTER, 1));
    }

    /** The client's body failed: 408 or 413 when the client can still hear it; otherwise just close. */
    private RuntimeException clientFailed(ClientFailure failure) {
        metrics.outcome("client-failed");
        if (failure.abort() == Exchange.Abort.BODY_TIMEOUT) {
            return new ProblemException(problems.bodyTimeout(limits.bodyReadTimeout()));
        }
        if (failure.getCause() instanceof RequestException rejected
                && rejected.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return new ProblemException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE_413, "The request body is larger than "
                    + "the gateway accepts (" + limits.maxBodySize() + " bytes)"));
        }
        return new CloseConnectionException("the client's request body failed: " + failure.getMessage(), failure);
    }

    private long connectTimeoutMillis(Exchange exchange) {
        return Math.max(1, Math.min(settings.connectTimeout().toMillis(), remainingMillis(exchange)));
    }

    private static long remainingMillis(Exchange exchange) {
        return TimeUnit.NANOSECONDS.toMillis(exchange.remainingNanos(System.nanoTime()));
    }
}
