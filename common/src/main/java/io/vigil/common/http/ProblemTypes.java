package io.vigil.common.http;

/**
 * The types of the problems Vigil's services answer with besides {@link Problem#ABOUT_BLANK}, one per kind of
 * failure a client may want to act on (README, "Errors").
 */
public final class ProblemTypes {
    /** No API key, or an unknown one (401). */
    public static final String UNAUTHORIZED = "urn:vigil:problem:unauthorized";
    /** Over the caller's rate limit (429). */
    public static final String RATE_LIMITED = "urn:vigil:problem:rate-limited";
    /** The shared rate limit cannot be checked (Redis away) and the gateway fails closed (503). */
    public static final String RATE_LIMIT_UNAVAILABLE = "urn:vigil:problem:rate-limit-unavailable";
    /** The request body paused too long or was unfinished at the deadline (408). */
    public static final String REQUEST_TIMEOUT = "urn:vigil:problem:request-timeout";
    /** An upstream refused the connection or its host is unknown (502). */
    public static final String UPSTREAM_UNREACHABLE = "urn:vigil:problem:upstream-unreachable";
    /** An upstream broke off the exchange or answered with something that is not HTTP (502). */
    public static final String UPSTREAM_FAILED = "urn:vigil:problem:upstream-failed";
    /** An upstream's circuit is open: calls are held back for a while (503). */
    public static final String UPSTREAM_CIRCUIT_OPEN = "urn:vigil:problem:upstream-circuit-open";
    /** An upstream's bulkhead and its queue are full (503). */
    public static final String UPSTREAM_BUSY = "urn:vigil:problem:upstream-busy";
    /** An upstream did not answer within its timeouts or the deadline (504). */
    public static final String UPSTREAM_TIMEOUT = "urn:vigil:problem:upstream-timeout";
    /** A service has more requests in progress and waiting than it takes (503). */
    public static final String BUSY = "urn:vigil:problem:busy";
    /** A query parameter has a value the service does not accept (400). */
    public static final String INVALID_PARAMETER = "urn:vigil:problem:invalid-parameter";

    private ProblemTypes() {
    }
}
