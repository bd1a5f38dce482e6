package io.vigil.gateway;

import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemTypes;
import io.vigil.common.http.ProblemWriter;

/**
 * Limits each caller of {@code /api/*} to its token bucket: per API key id, or per client address when
 * authentication is off. Over the limit: a 429 problem with {@code Retry-After}. Runs after {@link ApiKeyFilter}.
 */
final class RateLimitFilter implements Filter {
    /** Requests rejected by the rate limit. */
    static final String REJECTED = "vigil.gateway.rate.limited";

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final Counter rejected;

    RateLimitFilter(RateLimitSettings settings) {
        this.limiter = new RateLimiter(settings);
        this.settings = settings;
        this.rejected = Metrics.globalRegistry().getOrCreate(Counter.builder(REJECTED)
                                                                     .description("Requests rejected by the rate limit"));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Caller caller = request.context().get(Caller.class).orElse(null);
        if (caller == null) {
            chain.proceed();
            return;
        }
        long waitNanos = limiter.tryAcquire(caller.key());
        if (waitNanos == 0) {
            chain.proceed();
            return;
        }
        rejected.increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        ProblemWriter.send(request, response, Problem.of(ProblemTypes.RATE_LIMITED, "Too Many Requests",
                                                         Status.TOO_MANY_REQUESTS_429,
                                                         "More than " + settings.requestsPerSecond()
                                                                 + " requests per second (burst " + settings.burst() + ") from "
                                                                 + (caller.byApiKey() ? "this API key" : "this address")));
    }
}
