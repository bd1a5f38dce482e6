package io.vigil.gateway.proxy;

import java.time.Duration;

import io.helidon.http.Status;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemTypes;
import io.vigil.gateway.config.Timeouts;
import io.vigil.gateway.config.UpstreamSettings;

/**
 * The problem documents of the failures on one route, each naming the upstream: 502 when it cannot be reached
 * or breaks off, 503 when the gateway holds calls back (every endpoint's circuit open, full bulkhead), 504 when it is
 * too slow, and 408 or 413 when the client's request body is at fault.
 */
public final class UpstreamProblems {
    /** The problem type of an open circuit. */
    public static final String CIRCUIT_OPEN = ProblemTypes.UPSTREAM_CIRCUIT_OPEN;
    /** The problem type of a full bulkhead. */
    public static final String BUSY = ProblemTypes.UPSTREAM_BUSY;
    /** The problem type of an upstream that did not answer in time. */
    public static final String TIMEOUT = ProblemTypes.UPSTREAM_TIMEOUT;
    /** The problem type of an upstream that refused the connection. */
    public static final String UNREACHABLE = ProblemTypes.UPSTREAM_UNREACHABLE;
    /** The problem type of an upstream that broke off the exchange. */
    public static final String FAILED = ProblemTypes.UPSTREAM_FAILED;

    private static final Status REQUEST_TIMEOUT_408 = Status.REQUEST_TIMEOUT_408;

    private final UpstreamSettings settings;
    private final Timeouts timeouts;

    UpstreamProblems(UpstreamSettings settings, Timeouts timeouts) {
        this.settings = settings;
        this.timeouts = timeouts;
    }

    /**
     * The problem for a failed exchange.
     *
     * @param failure what went wrong
     * @return the problem
     */
    Problem of(UpstreamFailure failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> named(TIMEOUT, "Upstream timed out", Status.GATEWAY_TIMEOUT_504, failure.getMessage());
            case UNREACHABLE -> named(UNREACHABLE, "Upstream unreachable", Status.BAD_GATEWAY_502, failure.getMessage());
            case BROKEN, ANSWERED -> named(FAILED, "Upstream failed", Status.BAD_GATEWAY_502, failure.getMessage());
        };
    }

    /**
     * The circuit is open: calls are held back for a while.
     *
     * @return a 503 problem
     */
    Problem circuitOpen() {
        return named(CIRCUIT_OPEN, "Upstream circuit open", Status.SERVICE_UNAVAILABLE_503,
                     "Upstream '" + settings.name() + "' has been failing; calls to it are paused for up to "
                             + settings.circuitBreaker().delay());
    }

    /**
     * The bulkhead and its queue are full.
     *
     * @return a 503 problem
     */
    Problem busy() {
        return named(BUSY, "Upstream busy", Status.SERVICE_UNAVAILABLE_503,
                     "Upstream '" + settings.name() + "' already has " + settings.bulkhead().limit()
                             + " requests in progress and " + settings.bulkhead().queue() + " waiting");
    }

    /**
     * The deadline passed before the upstream's response head arrived.
     *
     * @return a 504 problem
     */
    Problem deadline() {
        return named(TIMEOUT, "Upstream timed out", Status.GATEWAY_TIMEOUT_504,
                     "Upstream '" + settings.name() + "' did not answer within the deadline " + timeouts.deadline());
    }

    /**
     * The client sent its request body too slowly.
     *
     * @param bodyReadTimeout the longest pause allowed
     * @return a 408 problem
     */
    Problem bodyTimeout(Duration bodyReadTimeout) {
        return Problem.of(ProblemTypes.REQUEST_TIMEOUT, "Request Timeout", REQUEST_TIMEOUT_408,
                          "The request body did not arrive in time (a pause longer than " + bodyReadTimeout
                                  + " or still unfinished at the deadline " + timeouts.deadline() + ")");
    }

    /**
     * Seconds a client should wait before trying again after a 503.
     *
     * @param circuitOpen whether the circuit is open (else the bulkhead is full)
     * @return seconds, at least 1
     */
    long retryAfterSeconds(boolean circuitOpen) {
        if (!circuitOpen) {
            return 1;
        }
        Duration delay = settings.circuitBreaker().delay();
        return Math.max(1, delay.toSeconds() + (delay.toMillisPart() > 0 ? 1 : 0));
    }

    private Problem named(String type, String title, Status status, String detail) {
        return Problem.of(type, title, status, detail).with("upstream", settings.name());
    }
}
