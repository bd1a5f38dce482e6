package io.vigil.common.http;

import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.logging.LogContext;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when valid, otherwise a new one. The id is
 * echoed on the response, registered in the request context, and set in the logging MDC while the
 * request is handled so that every log line and outgoing call carries it.
 */
public final class RequestIdFilter implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        RequestId id = RequestId.acceptOrGenerate(request.headers().first(RequestId.HEADER).orElse(null));
        request.context().register(id);
        response.header(RequestId.HEADER, id.value());
        HelidonMdc.set(LogContext.REQUEST_ID, id.value());
        try {
            chain.proceed();
        } finally {
            HelidonMdc.remove(LogContext.REQUEST_ID);
        }
    }
}
