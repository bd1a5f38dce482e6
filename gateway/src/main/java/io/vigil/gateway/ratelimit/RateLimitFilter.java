package io.vigil.gateway.ratelimit;

import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemTypes;
import io.vigil.common.http.ProblemWriter;
import io.vigil.gateway.auth.Caller;

/**
 * Limits each caller of {@code /api/*} to its token bucket: per API key id, or per client address when authentication
 * is off. Over the limit: a 429 problem with {@code Retry-After}. With Redis configured and {@code fail-closed}, a 503
 * problem while Redis cannot decide. Runs after access control, which registers the {@link Caller}.
 */
public final class RateLimitFilter implements Filter {
    private final RateLimitSettings settings;
    private final RateLimitMetrics metrics = new RateLimitMetrics();
    private final RateLimiter limiter;

    /**
     * Creates the filter; with {@code gateway.rate-limit.redis.uri} set, it starts connecting to Redis in the
     * background (requests never wait for that).
     *
     * @param settings the {@code gateway.rate-limit} settings
     */
    public RateLimitFilter(RateLimitSettings settings) {
        this.settings = settings;
        this.limiter = new RateLimiter(settings, metrics);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Caller caller = request.context().get(Caller.class).orElse(null);
        if (caller == null) {
            chain.proceed();
            return;
        }
        Decision decision = limiter.decide(caller.key());
        switch (decision.verdict()) {
        case GRANTED -> chain.proceed();
        case LIMITED -> limited(request, response, caller, decision.waitNanos());
        case UNAVAILABLE -> unavailable(request, response);
        default -> throw new IllegalStateException("verdict: " + decision.verdict());
        }
    }

    /** Before the server listens, gives the first connection to Redis a moment (see {@link RateLimiter#awaitRedis()}). */
    @Override
    public void beforeStart() {
        limiter.awaitRedis();
    }

    /** Closes the connection to Redis when the server stops. */
    @Override
    public void afterStop() {
        limiter.close();
    }

    private void limited(RoutingRequest request, RoutingResponse response, Caller caller, long waitNanos) {
        metrics.rejected(caller.byApiKey() ? caller.key() : RateLimitMetrics.NO_KEY);
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        ProblemWriter.send(request, response, Problem.of(ProblemTypes.RATE_LIMITED, "Too Many Requests",
                                                         Status.TOO_MANY_REQUESTS_429,
                                                         "More than " + settings.requestsPerSecond()
                                                                 + " requests per second (burst " + settings.burst() + ") from "
                                                                 + (caller.byApiKey() ? "this API key" : "this address")));
    }

    private static void unavailable(RoutingRequest request, RoutingResponse response) {
        response.header(HeaderNames.RETRY_AFTER, "1");
        ProblemWriter.send(request, response, Problem.of(ProblemTypes.RATE_LIMIT_UNAVAILABLE, "Service Unavailable",
                                                         Status.SERVICE_UNAVAILABLE_503,
                                                         "The shared rate limit cannot be checked right now (Redis does not"
                                                                 + " answer) and the gateway is set to fail closed"));
    }
}
