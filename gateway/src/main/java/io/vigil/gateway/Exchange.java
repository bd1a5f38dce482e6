package io.vigil.gateway;

import java.util.concurrent.atomic.AtomicReference;

import io.helidon.tracing.Span;

/**
 * One proxied request as the {@link Watchdog} sees it: which phase it is in, its deadline, and what it is
 * blocked on, so that a request can be ended when it outlives its deadline, when the upstream falls silent for
 * longer than its read timeout, or when the client stops sending or stops reading. The handler thread and the
 * request-body pump update it; the watchdog reads it and aborts.
 */
final class Exchange {
    /** Where the exchange is. */
    enum Phase {
        /** Waiting for a place in the upstream's bulkhead. */
        QUEUED,
        /** Connecting, sending, retrying, or waiting for the response head. */
        UPSTREAM,
        /** Relaying the response to the client. */
        RELAY,
        /** Finished; the watchdog leaves it alone. */
        DONE,
        /** Ended by the watchdog. */
        ABORTED
    }

    /** Why the watchdog ended an exchange. */
    enum Abort {
        /** The upstream's response head did not arrive before the deadline (504). */
        DEADLINE,
        /** The upstream sent nothing for longer than its read timeout (504, or a cut response). */
        READ_TIMEOUT,
        /** The client paused its request body too long, or was still sending it at the deadline (408). */
        BODY_TIMEOUT,
        /** The client stopped reading the response (connection closed). */
        CLIENT_STALLED
    }

    private final Thread owner;
    private final long deadlineNanos;
    private final long readTimeoutNanos;
    private final long bodyReadTimeoutNanos;
    private final long clientWriteTimeoutNanos;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.QUEUED);
    private volatile Abort abort;
    private volatile UpstreamConnection connection;
    private volatile BodyPump pump;
    /** {@link System#nanoTime()} when the body pump started waiting for client bytes, or 0. */
    private volatile long bodyReadSince;
    /** {@link System#nanoTime()} when the handler started writing to the client, or 0. */
    private volatile long clientWriteSince;
    /** {@link System#nanoTime()} when the handler started waiting for upstream bytes, or 0. */
    private volatile long upstreamReadSince;
    /** Attempts made so far (counted when tracing); only the handler thread touches it. */
    private int attempts;
    /** The client span of the attempt whose answer is being relayed, ended with the relay; handler thread only. */
    private Span span;

    Exchange(Thread owner, long deadlineNanos, long readTimeoutNanos, LimitSettings limits) {
        this.owner = owner;
        this.deadlineNanos = deadlineNanos;
        this.readTimeoutNanos = readTimeoutNanos;
        this.bodyReadTimeoutNanos = limits.bodyReadTimeout().toNanos();
        this.clientWriteTimeoutNanos = limits.clientWriteTimeout().toNanos();
    }

    /**
     * Counts an attempt.
     *
     * @return its number, from 1
     */
    int nextAttempt() {
        return ++attempts;
    }

    /**
     * Keeps the client span of the attempt whose answer is relayed, to end once the relay is over.
     *
     * @param span the attempt's span
     */
    void span(Span span) {
        this.span = span;
    }

    /**
     * Ends the kept client span, if any.
     *
     * @param failure why the relay failed, or {@code null}
     */
    void endSpan(Throwable failure) {
        Span open = span;
        if (open != null) {
            span = null;
            if (failure == null) {
                open.end();
            } else {
                open.end(failure);
            }
        }
    }

    /**
     * Moves to a later phase unless the watchdog ended the exchange.
     *
     * @param next {@link Phase#UPSTREAM} or {@link Phase#RELAY}
     * @return {@code false} when the exchange was aborted
     */
    boolean enter(Phase next) {
        while (true) {
            Phase current = phase.get();
            if (current == Phase.ABORTED) {
                return false;
            }
            if (phase.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /**
     * Uses a connection for the exchange; closes it at once if the exchange was already aborted.
     *
     * @param upstream connection, or {@code null} between attempts
     */
    void connection(UpstreamConnection upstream) {
        this.connection = upstream;
        if (upstream != null && phase.get() == Phase.ABORTED) {
            upstream.close();
        }
    }

    /**
     * Remembers the pump sending the request body.
     *
     * @param bodyPump the pump
     */
    void pump(BodyPump bodyPump) {
        this.pump = bodyPump;
    }

    /**
     * Whether a request body was started but not completely sent upstream; then the rest of it will not be read
     * and the client's connection must close after the answer.
     *
     * @return {@code true} when the body is pending
     */
    boolean bodyPending() {
        BodyPump current = pump;
        return current != null && !current.completed();
    }

    /**
     * Closes the upstream connection, which makes the pump stop unless it waits for the client, and waits a little
     * for the pump.
     *
     * @param millis longest wait
     */
    void stopPump(long millis) {
        UpstreamConnection upstream = connection;
        if (upstream != null) {
            upstream.close();
        }
        BodyPump current = pump;
        if (current != null) {
            current.await(millis);
        }
    }

    /**
     * Ends the watch: after this returns the watchdog no longer interrupts the owner thread; an interrupt it sent
     * before is cleared by the caller.
     */
    synchronized void finish() {
        phase.set(Phase.DONE);
    }

    /**
     * Nanoseconds left until the deadline.
     *
     * @param now {@link System#nanoTime()}
     * @return remaining time, negative once passed
     */
    long remainingNanos(long now) {
        return deadlineNanos - now;
    }

    /**
     * Why the exchange was aborted.
     *
     * @return the reason, or {@code null} while it runs
     */
    Abort abort() {
        return abort;
    }

    void bodyReading(boolean reading) {
        bodyReadSince = reading ? System.nanoTime() : 0;
    }

    void clientWriting(boolean writing) {
        clientWriteSince = writing ? System.nanoTime() : 0;
    }

    void upstreamReading(boolean reading) {
        upstreamReadSince = reading ? System.nanoTime() : 0;
    }

    /**
     * Ends the exchange if it overstayed; called by the watchdog.
     *
     * @param now {@link System#nanoTime()}
     */
    void check(long now) {
        Phase current = phase.get();
        if (current == Phase.ABORTED || current == Phase.DONE) {
            return;
        }
        Abort reason = overstayed(current, now);
        if (reason != null) {
            end(reason, current, reason == Abort.CLIENT_STALLED || current == Phase.QUEUED);
        }
    }

    private Abort overstayed(Phase current, long now) {
        long reading = bodyReadSince;
        long writing = clientWriteSince;
        long waiting = upstreamReadSince;
        boolean late = current != Phase.RELAY && now - deadlineNanos > 0;
        if (reading != 0 && (now - reading > bodyReadTimeoutNanos || late)) {
            return Abort.BODY_TIMEOUT;
        }
        if (late) {
            return Abort.DEADLINE;
        }
        if (waiting != 0 && now - waiting > readTimeoutNanos) {
            return Abort.READ_TIMEOUT;
        }
        return writing != 0 && now - writing > clientWriteTimeoutNanos ? Abort.CLIENT_STALLED : null;
    }

    /**
     * Ends the exchange: the upstream connection is closed, which fails any read or write blocked on it; a
     * thread blocked elsewhere (in the bulkhead queue, or writing to the client) is interrupted, which for a
     * virtual thread blocked on a socket closes that socket.
     */
    private synchronized void end(Abort reason, Phase seen, boolean interrupt) {
        if (!phase.compareAndSet(seen, Phase.ABORTED)) {
            return;
        }
        abort = reason;
        UpstreamConnection upstream = connection;
        if (upstream != null) {
            upstream.close();
        }
        if (interrupt) {
            owner.interrupt();
        }
    }
}
