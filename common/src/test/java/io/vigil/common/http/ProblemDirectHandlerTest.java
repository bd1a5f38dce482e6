package io.vigil.common.http;

import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class ProblemDirectHandlerTest {
    private final ProblemDirectHandler handler = new ProblemDirectHandler();

    @Test
    void aRequestHelidonFailedToReadIsABadRequestAndTheConnectionCloses() {
        DirectHandler.TransportResponse response = handler.handle(DirectHandler.TransportRequest.empty(),
                DirectHandler.EventType.INTERNAL_ERROR, Status.INTERNAL_SERVER_ERROR_500, ServerResponseHeaders.create(),
                "Internal error");

        assertThat(response.status().code(), is(400));
        assertThat(response.keepAlive(), is(false));
        assertThat(response.headers().get(HeaderNames.CONTENT_TYPE).get(), is("application/problem+json"));
        assertThat(new String(response.entity().orElseThrow(), StandardCharsets.UTF_8),
                   containsString("\"detail\":\"The request could not be read.\""));
    }

    @Test
    void headersTooLargeAre431() {
        DirectHandler.TransportResponse response = handler.handle(DirectHandler.TransportRequest.empty(),
                DirectHandler.EventType.BAD_REQUEST, Status.BAD_REQUEST_400, ServerResponseHeaders.create(),
                ProblemDirectHandler.HEADERS_TOO_LARGE);

        assertThat(response.status().code(), is(431));
    }
}
