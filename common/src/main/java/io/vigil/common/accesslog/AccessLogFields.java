package io.vigil.common.accesslog;

import java.io.OutputStream;
import java.util.Arrays;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What a service adds to the access log line of a request while handling it: the id of the API key that
 * authenticated it (never the key), fields of its own, such as the gateway's {@code vigil.upstream}, and the count of
 * a streamed response body ({@link #countedOutputStream}). The access log registers one per logged request in the
 * request's context and reads it when the response completes; for a request that is not logged, {@link #of} gives
 * an instance that keeps nothing. Used by the request's thread only.
 */
public final class AccessLogFields {
    private static final int MAX_FIELDS = 16;
    private static final AccessLogFields DISCARD = new AccessLogFields(false);

    private final boolean keeps;
    private String keyId;
    private String[] names = new String[0];
    private Object[] values = new Object[0];
    private int size;
    private CountingOutputStream out;

    private AccessLogFields(boolean keeps) {
        this.keeps = keeps;
    }

    static AccessLogFields create() {
        return new AccessLogFields(true);
    }

    /**
     * The fields of a request's access log line.
     *
     * @param request the request being handled
     * @return its fields, or an instance that keeps nothing when the request is not logged
     */
    public static AccessLogFields of(ServerRequest request) {
        return request.context().get(AccessLogFields.class).orElse(DISCARD);
    }

    /**
     * Sets the id of the API key that authenticated the request.
     *
     * @param id the key's id from configuration, never the key
     * @return this
     */
    public AccessLogFields keyId(String id) {
        if (keeps) {
            keyId = id;
        }
        return this;
    }

    /**
     * Sets a text field, replacing an earlier value of the same name.
     *
     * @param name  field name, such as {@code vigil.upstream}; written as the JSON key
     * @param value its value
     * @return this
     */
    public AccessLogFields put(String name, String value) {
        return set(name, value);
    }

    /**
     * Sets a number field, replacing an earlier value of the same name.
     *
     * @param name  field name, such as {@code vigil.attempts}
     * @param value its value
     * @return this
     */
    public AccessLogFields put(String name, long value) {
        return set(name, value);
    }

    private AccessLogFields set(String name, Object value) {
        if (!keeps || value == null) {
            return this;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = value;
                return this;
            }
        }
        if (size == MAX_FIELDS) {
            throw new IllegalStateException("access log fields: more than " + MAX_FIELDS + " (" + name + ")");
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, Math.max(4, size * 2));
            values = Arrays.copyOf(values, names.length);
        }
        names[size] = name;
        values[size++] = value;
        return this;
    }

    /**
     * The response's output stream, counting the body bytes written for the access log: handlers that stream a
     * response use this instead of {@link ServerResponse#outputStream()}. (A response sent whole with
     * {@code send(...)} is counted from its {@code Content-Length}; Helidon's own stream filter on the response is not
     * used, since it would send every response through Helidon's streaming path, which answers differently.)
     *
     * @param response the request's response
     * @return its output stream, counted when the request is logged
     */
    public OutputStream countedOutputStream(ServerResponse response) {
        if (!keeps) {
            return response.outputStream();
        }
        out = new CountingOutputStream(response.outputStream());
        return out;
    }

    /**
     * Body bytes written through {@link #countedOutputStream}.
     *
     * @return the count, or -1 when the response was not streamed through it
     */
    long streamedBytes() {
        return out == null ? -1 : out.count();
    }

    String keyId() {
        return keyId;
    }

    /** The fields set so far, as alternating names and values (a copy: the record outlives the request). */
    Object[] snapshot() {
        Object[] pairs = new Object[size * 2];
        for (int i = 0; i < size; i++) {
            pairs[2 * i] = names[i];
            pairs[2 * i + 1] = values[i];
        }
        return pairs;
    }
}
