package io.vigil.common.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;

/**
 * An RFC 9457 problem document: what went wrong, in a form clients can act on.
 *
 * @param type       URI identifying the kind of problem; {@code about:blank} when the status says it all
 * @param title      short summary of the kind of problem
 * @param status     HTTP status code
 * @param detail     explanation of this occurrence, safe to show a user (never a stack trace)
 * @param extensions extra members, e.g. {@code upstream}, in insertion order
 */
public record Problem(String type, String title, int status, String detail, Map<String, String> extensions) {
    /** The type of problems that need no more than their HTTP status to be understood. */
    public static final String ABOUT_BLANK = "about:blank";

    /**
     * Creates a problem document.
     */
    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        }
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /**
     * A problem fully described by its HTTP status: type {@code about:blank}, title the reason phrase.
     *
     * @param status HTTP status
     * @param detail explanation of this occurrence
     * @return problem
     */
    public static Problem of(Status status, String detail) {
        return new Problem(ABOUT_BLANK, status.reasonPhrase(), status.code(), detail, Map.of());
    }

    /**
     * A problem of a specific kind.
     *
     * @param type   {@code urn:vigil:problem:<name>} identifying the kind
     * @param title  short summary of the kind
     * @param status HTTP status
     * @param detail explanation of this occurrence
     * @return problem
     */
    public static Problem of(String type, String title, Status status, String detail) {
        return new Problem(type, title, status.code(), detail, Map.of());
    }

    /**
     * This problem with one more extension member.
     *
     * @param name  member name
     * @param value member value
     * @return a new problem
     */
    public Problem with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }
}
