package io.vigil.gateway.ratelimit;

/**
 * What the rate limit says about one request.
 *
 * @param verdict   go ahead, over the limit, or undecidable (Redis away with {@code fail-closed})
 * @param waitNanos when {@link Verdict#LIMITED}, the nanoseconds until a token is available; else 0
 */
record Decision(Verdict verdict, long waitNanos) {
    /** The request may go ahead. */
    static final Decision GRANTED = new Decision(Verdict.GRANTED, 0);
    /** Redis did not decide and the gateway fails closed. */
    static final Decision UNAVAILABLE = new Decision(Verdict.UNAVAILABLE, 0);

    /** The three answers. */
    enum Verdict {
        /** A token was taken. */
        GRANTED,
        /** The bucket is empty: a 429. */
        LIMITED,
        /** The shared bucket could not be asked and {@code on-failure} is {@code fail-closed}: a 503. */
        UNAVAILABLE
    }

    /**
     * The decision a bucket's answer means.
     *
     * @param waitNanos 0 when a token was taken, else the nanoseconds until one is available
     * @return granted or limited
     */
    static Decision of(long waitNanos) {
        return waitNanos == 0 ? GRANTED : new Decision(Verdict.LIMITED, waitNanos);
    }
}
