package io.vigil.gateway;

import java.util.List;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.gateway.api.DashboardService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The dashboard through a real gateway that requires API keys: its files are open to anyone, each with its media
 * type, the Content-Security-Policy and revalidating caching; the API next to it still wants a key.
 */
class DashboardIT {
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");

    private static VigilService gateway;

    @BeforeAll
    static void start() {
        gateway = Gateways.start("gateway.auth.mode", "api-key",
                                 "gateway.auth.keys.0.id", "dashboard", "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256);
    }

    @AfterAll
    static void stop() {
        Gateways.stop(gateway);
    }

    @Test
    void everyFileIsServedWithoutAKeyWithItsMediaTypeAndSecurityHeaders() {
        for (String file : DashboardService.FILES) {
            try (HttpClientResponse response = Gateways.client(gateway).get("/" + file).request()) {
                assertThat(file, response.status().code(), is(200));
                assertThat(file, response.headers().contentType().orElseThrow().text(), is(mediaType(file)));
                assertThat(file, response.headers().first(CSP).orElse(""), is(DashboardService.CONTENT_SECURITY_POLICY));
                assertThat(file, response.headers().first(NOSNIFF).orElse(""), is("nosniff"));
                assertThat(file, response.headers().first(HeaderNames.CACHE_CONTROL).orElse(""), is("no-cache"));
                assertThat(file, response.headers().first(HeaderNames.ETAG).orElse(""), startsWith("\""));
                assertThat(file, response.as(String.class), not(emptyString()));
            }
        }
    }

    @Test
    void theRootIsTheAnalyzePage() {
        try (HttpClientResponse response = Gateways.client(gateway).get("/").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), startsWith("text/html"));
            assertThat(response.headers().first(CSP).orElse(""), containsString("script-src 'self'"));
            assertThat(response.headers().first(HeaderNames.create("X-Frame-Options")).orElse(""), is("DENY"));
            assertThat(response.as(String.class), containsString("<title>Analyze a log · Vigil</title>"));
        }
    }

    @Test
    void aMatchingETagIsAnsweredWithNotModifiedAndNoBody() {
        String etag;
        try (HttpClientResponse response = Gateways.client(gateway).get("/assets/app.css").request()) {
            etag = response.headers().first(HeaderNames.ETAG).orElseThrow();
        }
        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            try (HttpClientResponse response = Gateways.client(gateway).get("/assets/app.css")
                    .header(HeaderNames.IF_NONE_MATCH, ifNoneMatch).request()) {
                assertThat(ifNoneMatch, response.status().code(), is(304));
                assertThat(response.headers().first(HeaderNames.ETAG).orElse(""), is(etag));
                assertThat(response.entity().hasEntity(), is(false));
            }
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/assets/app.css")
                .header(HeaderNames.IF_NONE_MATCH, "\"stale\"").request()) {
            assertThat(response.status().code(), is(200));
        }
    }

    @Test
    void headAnswersWithTheLengthAndNoBody() {
        int length;
        try (HttpClientResponse response = Gateways.client(gateway).get("/health.html").request()) {
            length = response.as(byte[].class).length;
        }
        try (HttpClientResponse response = Gateways.client(gateway).head("/health.html").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().first(HeaderNames.CONTENT_LENGTH).orElse(""), is(Integer.toString(length)));
            assertThat(response.headers().first(CSP).isPresent(), is(true));
        }
    }

    @Test
    void theApiBesideItStillNeedsAKeyAndOtherPathsAreProblems() {
        try (HttpClientResponse response = Gateways.client(gateway).get("/api/v1/logs/formats").request()) {
            Problems.assertProblem(response, 401);
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/assets/missing.js").request()) {
            Problems.assertProblem(response, 404);
        }
        try (HttpClientResponse response = Gateways.client(gateway).post("/").submit("x")) {
            Problems.assertProblem(response, 404);
        }
        try (HttpClientResponse response = Gateways.client(gateway).get("/observe/health/live").request()) {
            assertThat(response.status().code(), is(200));
        }
    }

    private static String mediaType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=UTF-8";
            case "css" -> "text/css; charset=UTF-8";
            case "js" -> "text/javascript; charset=UTF-8";
            default -> "image/svg+xml";
        };
    }
}
