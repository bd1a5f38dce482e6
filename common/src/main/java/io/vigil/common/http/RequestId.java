package io.vigil.common.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.vigil.common.Result;

/**
 * The id that ties together a request, its response, its log lines and the calls it makes.
 *
 * @param value 1 to 128 characters of {@code [A-Za-z0-9._-]}
 */
public record RequestId(String value) {
    /** The header that carries it: {@code X-Request-Id}. */
    public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");

    private static final int MAX_LENGTH = 128;
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    /**
     * Creates a request id.
     *
     * @param value the id
     * @throws IllegalArgumentException when the value does not match {@code [A-Za-z0-9._-]{1,128}}
     */
    public RequestId {
        if (!valid(value)) {
            throw new IllegalArgumentException("request id: '" + value + "' (expected: [A-Za-z0-9._-]{1,128})");
        }
    }

    /**
     * Validates a request id sent by a client.
     *
     * @param text header value
     * @return the id, or why it was refused
     */
    public static Result<RequestId> parse(String text) {
        if (!valid(text)) {
            return Result.err("X-Request-Id must match [A-Za-z0-9._-]{1,128}");
        }
        return Result.ok(new RequestId(text));
    }

    /**
     * A new random id: a version 4 UUID. Request ids correlate, they do not protect, so the bits come from
     * {@link ThreadLocalRandom} rather than {@code SecureRandom}, which costs a lock and a system call per id.
     *
     * @return fresh id
     */
    public static RequestId generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new RequestId(new UUID(most, least).toString());
    }

    /**
     * The client's id if it is valid, otherwise a new one.
     *
     * @param headerValue value of {@code X-Request-Id}, or {@code null} when absent
     * @return id to use for this request
     */
    public static RequestId acceptOrGenerate(String headerValue) {
        return parse(headerValue).orElseGet(reason -> generate());
    }

    /**
     * Whether a text matches {@code [A-Za-z0-9._-]{1,128}}; a table lookup, since it runs on every request.
     *
     * @param text candidate id, may be {@code null}
     * @return {@code true} when valid
     */
    static boolean valid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ALLOWED.length || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The id of a request being served: the one {@link RequestIdFilter} registered, or else one taken
     * from the header (for code that runs outside the filter).
     *
     * @param request server request
     * @return its id
     */
    public static RequestId of(ServerRequest request) {
        return request.context().get(RequestId.class)
                .orElseGet(() -> acceptOrGenerate(request.headers().first(HEADER).orElse(null)));
    }
}
