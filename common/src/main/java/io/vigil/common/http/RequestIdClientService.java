package io.vigil.common.http;

import io.helidon.webclient.spi.WebClientService;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.vigil.common.logging.LogContext;

/**
 * Forwards the current request's id on outgoing WebClient calls ({@code X-Request-Id}), unless the
 * caller set one explicitly.
 */
public final class RequestIdClientService implements WebClientService {
    @Override
    public WebClientServiceResponse handle(Chain chain, WebClientServiceRequest request) {
        if (!request.headers().contains(RequestId.HEADER)) {
            LogContext.get(LogContext.REQUEST_ID).ifPresent(id -> request.headers().set(RequestId.HEADER, id));
        }
        return chain.proceed(request);
    }
}
