package io.vigil.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.helidon.http.Method;
import io.vigil.gateway.endpoint.Endpoint;

/**
 * What the gateway knows while it forwards one request: what to send, which endpoints it tried, and how far the
 * current attempt got, from which follows whether the request may be sent again.
 */
final class Forwarding {
    private static final Set<Method> IDEMPOTENT = Set.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.TRACE, Method.PUT,
                                                         Method.DELETE);

    private final Method method;
    private final String target;
    private final String path;
    private final long contentLength;
    private final ReplayBuffer replay;
    private final ExchangeLog log;
    private final List<Endpoint> tried = new ArrayList<>(2);
    private boolean headWritten;
    private BodyPump pump;

    /**
     * Creates the state of a request.
     *
     * @param method        its method
     * @param target        upstream path and query
     * @param path          upstream path, names its spans
     * @param contentLength body length, 0 for none, -1 for chunked
     * @param replayBuffer  bytes of the body kept for a retry
     * @param log           what goes into the request's access log line
     */
    Forwarding(Method method, String target, String path, long contentLength, int replayBuffer, ExchangeLog log) {
        this.method = method;
        this.target = target;
        this.path = path;
        this.contentLength = contentLength;
        this.replay = contentLength == 0 ? null : new ReplayBuffer(replayBuffer);
        this.log = log;
    }

    ExchangeLog log() {
        return log;
    }

    Method method() {
        return method;
    }

    String target() {
        return target;
    }

    String path() {
        return path;
    }

    long contentLength() {
        return contentLength;
    }

    boolean hasBody() {
        return contentLength != 0;
    }

    boolean headRequest() {
        return method == Method.HEAD;
    }

    boolean idempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** Endpoints tried so far, the current one last. */
    List<Endpoint> tried() {
        return tried;
    }

    ReplayBuffer replay() {
        return replay;
    }

    /** Starts an attempt: nothing of it has been sent yet. */
    void attempt(Endpoint endpoint) {
        tried.add(endpoint);
        headWritten = false;
    }

    void headWritten() {
        headWritten = true;
    }

    /**
     * Whether the current attempt's request head went out completely: then the upstream may have acted on it.
     *
     * @return {@code true} once written
     */
    boolean sent() {
        return headWritten;
    }

    void pump(BodyPump started) {
        pump = started;
    }

    /**
     * The pump of the client's body, once one started.
     *
     * @return the pump, or {@code null}
     */
    BodyPump pump() {
        return pump;
    }

    /**
     * Whether the body can be sent again: there is none, none of it was read yet, or all of it is in the replay
     * buffer (waiting a little for a pump that still reads it).
     *
     * @param waitMillis longest wait for the pump
     * @return {@code true} when another attempt can send the whole request
     */
    boolean bodyReplayable(long waitMillis) {
        if (replay == null || pump == null) {
            return true;
        }
        return pump.await(waitMillis) && pump.clientFailure() == null && replay.replayable();
    }

    /**
     * Whether another attempt may send this request again after the current one failed: only while the whole body
     * can be sent again, and, once the request may have reached the upstream, only for an idempotent method.
     *
     * @param waitMillis longest wait for the pump
     * @return {@code true} when a retry is safe
     */
    boolean retryable(long waitMillis) {
        return (!headWritten || idempotent()) && bodyReplayable(waitMillis);
    }
}
