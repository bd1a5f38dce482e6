package io.vigil.gateway.proxy;

import java.util.concurrent.atomic.AtomicReference;

import io.helidon.tracing.Span;
import io.vigil.gateway.config.LimitSettings;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.http1.Http1Connection;

/**
 * One proxied request as the {@link Watchdog} sees it: which phase it is in, its deadline, and what it is
 * blocked on, so that a request can be ended when it outlives its deadline, when the upstream falls silent for
 * longer than its read timeout, or when the client stops sending or stops reading. The handler thread and the
 * request-body pump update it; the watchdog reads it and aborts.
 *
 * <p>It is also the one owner of the upstream connection in use and of the endpoint it belongs to: the connection goes
 * back to its endpoint's pool through {@link #release()} or {@link #discard()} only, and the endpoint's count of
 * requests in progress drops then, exactly once. The pump and the watchdog {@link #abortConnection() abort} a
 * connection (its pool closes it, which fails any read or write blocked on it); the handler thread still hands it
 * back.</p>
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
        /**
         * The client got no response head before the deadline (504): the upstream's did not come, or the first bytes
         * of its body, which the relay waits for before it answers, did not.
         */
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
    private final AtomicReference<Endpoint> endpoint = new AtomicReference<>();
    private volatile Http1Connection connection;
    private volatile BodyPump pump;
    /** {@link System#nanoTime()} when the body pump started waiting for client bytes, or 0. */
    private volatile long bodyReadSince;
    /** {@link System#nanoTime()} when the handler started writing to the client, or 0. */
    private volatile long clientWriteSince;
    /** {@link System#nanoTime()} when the handler started waiting for upstream bytes, or 0. */
    private volatile long upstreamReadSince;
    /** Whether the relay started the client's response: from then on the deadline no longer applies. */
    private volatile boolean headersRelayed;
    /** Attempts made so far (counted when tracing); only the handler thread touches it. */
    private int attempts;
    /** The client span of the attempt whose answer is being relayed, ended with the relay; handler thread only. */
    private Span span;

    /**
     * Creates the exchange of a request.
     *
     * @param owner            the handler thread
     * @param deadlineNanos    {@link System#nanoTime()} of the deadline
     * @param readTimeoutNanos longest silence of the upstream
     * @param limits           the gateway's limits on the client
     */
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
     * Starts using an endpoint: it counts one more request in progress until the connection is handed back.
     *
     * @param used the endpoint of the next attempt
     */
    void use(Endpoint used) {
        used.started();
        Endpoint before = endpoint.getAndSet(used);
        if (before != null) {
            before.finished();
        }
    }

    /**
     * Uses a connection of the current endpoint; aborts it at once if the exchange was already aborted.
     *
     * @param upstream connection
     */
    void connection(Http1Connection upstream) {
        this.connection = upstream;
        if (phase.get() == Phase.ABORTED) {
            abortConnection();
        }
    }

    /**
     * The connection in use.
     *
     * @return the connection, or {@code null} between attempts
     */
    Http1Connection connection() {
        return connection;
    }

    /**
     * The endpoint in use.
     *
     * @return the endpoint, or {@code null} between attempts
     */
    Endpoint endpoint() {
        return endpoint.get();
    }

    /** Hands the connection back for reuse (its response was read to the end) and ends the use of the endpoint. */
    void release() {
        Http1Connection used = connection;
        connection = null;
        Endpoint current = endpoint.getAndSet(null);
        if (current != null) {
            if (used != null) {
                current.pool().release(used);
            }
            current.finished();
        }
    }

    /** Hands the connection back to be closed, and ends the use of the endpoint; safe to call more than once. */
    void discard() {
        Http1Connection used = connection;
        connection = null;
        Endpoint current = endpoint.getAndSet(null);
        if (current != null) {
            if (used != null) {
                current.pool().discard(used);
            }
            current.finished();
        }
    }

    /**
     * Makes the connection in use fail at once, from any thread; the handler thread still {@link #discard()}s it.
     */
    void abortConnection() {
        Http1Connection used = connection;
        Endpoint current = endpoint.get();
        if (used != null && current != null) {
            current.pool().discard(used);
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
        abortConnection();
        BodyPump current = pump;
        if (current != null) {
            current.await(millis);
        }
    }

    /**
     * Waits a while for the pump to stop reading the client's body: a body that can go nowhere is drained, so that a
     * client still sending it reads the answer instead of a reset.
     *
     * @param millis longest wait
     */
    void awaitDrained(long millis) {
        BodyPump current = pump;
        if (current != null) {
            current.awaitStopped(millis);
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

    /** The relay is about to send the response head to the client: the deadline is met. */
    void headersRelayed() {
        headersRelayed = true;
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
        Abort reason = overstayed(now);
        if (reason != null) {
            end(reason, current, reason == Abort.CLIENT_STALLED || current == Phase.QUEUED);
        }
    }

    private Abort overstayed(long now) {
        long reading = bodyReadSince;
        long writing = clientWriteSince;
        long waiting = upstreamReadSince;
        // The deadline holds until the client has the response head: the relay sends it with the body's first bytes.
        boolean late = !headersRelayed && now - deadlineNanos > 0;
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
        abortConnection();
        if (interrupt) {
            owner.interrupt();
        }
    }
}
