package io.vigil.common.http;

import java.nio.charset.StandardCharsets;

import io.helidon.http.Status;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProblemWriterTest {
    @Test
    void rendersTheRfc9457MembersAndExtensions() {
        Problem problem = Problem.of("urn:vigil:problem:upstream-timeout", "Upstream timed out", Status.GATEWAY_TIMEOUT_504,
                                     "Upstream 'logparse' did not answer \"in time\"")
                .with("upstream", "logparse");

        String json = new String(ProblemWriter.toJson(problem, "/api/v1/logs/formats", "r-1"), StandardCharsets.UTF_8);

        JsonObject parsed = Problems.parse(json);
        assertThat(parsed.getString("type"), is("urn:vigil:problem:upstream-timeout"));
        assertThat(parsed.getString("title"), is("Upstream timed out"));
        assertThat(parsed.getInt("status"), is(504));
        assertThat(parsed.getString("detail"), is("Upstream 'logparse' did not answer \"in time\""));
        assertThat(parsed.getString("instance"), is("/api/v1/logs/formats"));
        assertThat(parsed.getString("requestId"), is("r-1"));
        assertThat(parsed.getString("upstream"), is("logparse"));
    }

    @Test
    void statusOnlyProblemsUseAboutBlankAndTheReasonPhrase() {
        Problem problem = Problem.of(Status.NOT_FOUND_404, "No resource at GET /x");

        assertThat(problem.type(), is("about:blank"));
        assertThat(problem.title(), is("Not Found"));
        JsonObject parsed = Problems.parse(new String(ProblemWriter.toJson(problem, null, null), StandardCharsets.UTF_8));
        assertThat(parsed.containsKey("instance"), is(false));
        assertThat(parsed.containsKey("requestId"), is(false));
    }

    @Test
    void onlyErrorStatusesMakeProblems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problem.of(Status.OK_200, "fine"));
        assertThat(e.getMessage(), is("status: 200 (expected: 400..599)"));
    }
}
