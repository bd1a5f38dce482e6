package io.vigil.common.http;

import java.util.UUID;
import java.util.regex.Pattern;

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

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * Creates a request id.
     *
     * @param value the id
     * @throws IllegalArgumentException when the value does not match {@code [A-Za-z0-9._-]{1,128}}
     */
    public RequestId {
        if (value == null || !VALID.matcher(value).matches()) {
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
        if (text == null || !VALID.matcher(text).matches()) {
            return Result.err("X-Request-Id must match [A-Za-z0-9._-]{1,128}");
        }
        return Result.ok(new RequestId(text));
    }

    /**
     * A new random id (a UUID).
     *
     * @return fresh id
     */
    public static RequestId generate() {
        return new RequestId(UUID.randomUUID().toString());
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
