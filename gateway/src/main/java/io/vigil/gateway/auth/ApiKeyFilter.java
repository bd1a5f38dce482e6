package io.vigil.gateway.auth;

import java.lang.System.Logger.Level;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.vigil.common.accesslog.AccessLogFields;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemTypes;
import io.vigil.common.http.ProblemWriter;
import io.vigil.common.logging.LogContext;

/**
 * Requires an API key on {@code /api/*}: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. A
 * missing or unknown key is a 401 problem with {@code WWW-Authenticate}; a known one puts its id (never the key)
 * in the logging context as {@code keyId}, in the request's access log line and in the request context as the
 * {@link Caller}. Other paths ({@code /observe/*} for probes, {@code /openapi}) stay open. In {@code none} mode the
 * caller is the client
 * address.
 */
public final class ApiKeyFilter implements Filter {
    /** The alternative header for the key. */
    public static final HeaderName X_API_KEY = HeaderNames.create("X-API-Key");

    private static final System.Logger LOGGER = System.getLogger(ApiKeyFilter.class.getName());
    private static final String PROTECTED = "/api/";
    private static final String BEARER = "bearer ";
    private static final String CHALLENGE = "Bearer realm=\"vigil\"";

    private final AuthMode mode;
    private final ApiKeys keys;

    /**
     * Creates the filter.
     *
     * @param settings who may call
     */
    public ApiKeyFilter(AuthSettings settings) {
        this.mode = settings.mode();
        this.keys = new ApiKeys(settings.keys());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!request.path().rawPath().startsWith(PROTECTED)) {
            chain.proceed();
            return;
        }
        if (mode == AuthMode.NONE) {
            request.context().register(new Caller(request.remotePeer().host(), false));
            chain.proceed();
            return;
        }
        Optional<String> presented = presentedKey(request);
        Optional<String> id = presented.flatMap(keys::match);
        if (id.isEmpty()) {
            reject(request, response, presented.isPresent());
            return;
        }
        request.context().register(new Caller(id.get(), true));
        AccessLogFields.of(request).keyId(id.get());
        HelidonMdc.set(LogContext.KEY_ID, id.get());
        try {
            chain.proceed();
        } finally {
            HelidonMdc.remove(LogContext.KEY_ID);
        }
    }

    private static Optional<String> presentedKey(RoutingRequest request) {
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get().strip();
            return value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? Optional.of(value.substring(BEARER.length()).strip())
                    : Optional.of("");
        }
        return request.headers().first(X_API_KEY).map(String::strip);
    }

    private static void reject(RoutingRequest request, RoutingResponse response, boolean keyPresented) {
        LOGGER.log(Level.DEBUG, () -> "Rejected " + request.prologue().method().text() + " " + request.path().rawPath()
                + (keyPresented ? ": unknown API key" : ": no API key"));
        response.header(HeaderNames.WWW_AUTHENTICATE, keyPresented ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
        ProblemWriter.send(request, response, Problem.of(ProblemTypes.UNAUTHORIZED, "Unauthorized",
                                                         Status.UNAUTHORIZED_401, keyPresented
                ? "The API key is not valid."
                : "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."));
    }
}
