package io.vigil.gateway.endpoint;

import java.time.Duration;

/**
 * What the last readiness probe of an endpoint found.
 *
 * @param state   the outcome
 * @param status  the HTTP status it answered, or 0 when it did not answer
 * @param detail  why it is not ready, or {@code ""}
 * @param elapsed how long the probe took
 * @param atNanos {@link System#nanoTime()} when it finished
 */
public record Readiness(State state, int status, String detail, Duration elapsed, long atNanos) {
    /** Before the first probe. */
    public static final Readiness UNKNOWN = new Readiness(State.UNKNOWN, 0, "", Duration.ZERO, 0);

    /** What a probe found. */
    public enum State {
        /** Not probed yet: the endpoint is taken to be ready. */
        UNKNOWN,
        /** It answered 2xx. */
        READY,
        /** It answered another status, such as 503 while it drains. */
        NOT_READY,
        /** It did not answer: refused, broken, or too slow. */
        UNREACHABLE
    }

    /**
     * Whether the endpoint may be in rotation as far as the probe knows.
     *
     * @return {@code true} unless the probe found it not ready or unreachable
     */
    public boolean ready() {
        return state == State.UNKNOWN || state == State.READY;
    }
}
