package io.vigil.common.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses a request whose {@code Content-Length} is not one non-negative number (RFC 9112 section 6.3) with a 400
 * problem, before any handler reads the body, and closes the connection since the body's end is unknown.
 *
 * <p>Helidon 4.1.2 accepts such requests: of two different lengths it uses the first (a request-smuggling shape
 * behind another proxy), and a negative length makes it read the body as chunked, so the request waits for chunks
 * that never come.
 */
public final class ContentLengthFilter implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        List<String> values = request.headers().all(HeaderNames.CONTENT_LENGTH, List::of);
        if (!values.isEmpty() && !valid(values)) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST_400, "Content-Length: " + String.join(", ", values)
                    + " (expected: one non-negative number)"), HeaderValues.CONNECTION_CLOSE);
        }
        chain.proceed();
    }

    /**
     * Whether the values of the {@code Content-Length} fields (each possibly a list) name one non-negative number.
     *
     * @param values the fields' values
     * @return {@code true} when they do
     */
    static boolean valid(List<String> values) {
        Set<Long> lengths = new LinkedHashSet<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                String text = item.trim();
                if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return false;
                }
                lengths.add(Long.parseLong(text));
            }
        }
        return lengths.size() == 1;
    }
}
