package io.vigil.health.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.helidon.common.LazyValue;
import io.helidon.common.context.Contexts;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.tracing.Tracer;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.tracing.WebClientTracing;
import io.vigil.common.config.ConfigValues;

/**
 * An HTTP {@code GET} that must answer with a status in range and, optionally, a body that contains a text
 * or meets a JSON condition. Measures the response time. Each probe opens its own connection, so a
 * connection problem shows at once and a probe that was given up on leaves nothing behind in a pool. When the service
 * traces, the call is a client span ({@link WebClientTracing}) of the check's span, and carries its trace.
 */
final class HttpProbe implements Probe {
    /** Longest body read for the body conditions; a health document is far smaller. */
    static final int MAX_BODY = 1 << 20;

    private final URI url;
    private final StatusRange expectStatus;
    private final Optional<String> expectBody;
    private final Optional<JsonCondition> expectJson;
    /** Made on the first probe: building a client is slow, and start-up need not wait for it. */
    private final LazyValue<WebClient> client;

    private HttpProbe(URI url, StatusRange expectStatus, Optional<String> expectBody, Optional<JsonCondition> expectJson,
                      Duration timeout) {
        this.url = url;
        this.expectStatus = expectStatus;
        this.expectBody = expectBody;
        this.expectJson = expectJson;
        this.client = LazyValue.create(() -> client(timeout));
    }

    /**
     * The client, made on the first probe, which runs in the check's context: with the service's tracer there when
     * it traces, so that only then the client has a tracing service (not one discovered on the classpath).
     */
    private static WebClient client(Duration timeout) {
        WebClientConfig.Builder client = WebClient.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .keepAlive(false)
                .servicesDiscoverServices(false)
                .addHeader(HeaderNames.USER_AGENT, "vigil-health-service");
        Contexts.context().flatMap(context -> context.get(Tracer.class)).filter(Tracer::enabled)
                .ifPresent(tracer -> client.addService(WebClientTracing.create(tracer)));
        return client.build();
    }

    /**
     * Reads an http check: {@code url} (required), {@code expect-status} (default {@code 200-299}),
     * {@code expect-body} (a text the body must contain), {@code expect-json} ({@code pointer}, {@code equals}).
     *
     * @param node    the check's configuration
     * @param timeout the check's timeout, used for connecting and for each read
     * @return the probe
     */
    static HttpProbe create(Config node, Duration timeout) {
        URI url = ConfigValues.httpUri(node.get("url"));
        StatusRange status = StatusRange.create(node.get("expect-status"));
        Optional<String> body = Optional.ofNullable(ConfigValues.nonBlank(node.get("expect-body"), null));
        Config json = node.get("expect-json");
        return new HttpProbe(url, status, body, json.exists() ? Optional.of(JsonCondition.create(json)) : Optional.empty(),
                             timeout);
    }

    @Override
    public Measurement measurement() {
        return Measurement.RESPONSE_TIME;
    }

    @Override
    public Reading read() throws Exception {
        long start = System.nanoTime();
        try (HttpClientResponse response = client.get().get().uri(url).request()) {
            int status = response.status().code();
            byte[] body = needsBody() ? readBody(response) : new byte[0];
            long millis = Probe.millisSince(start);
            if (!expectStatus.contains(status)) {
                return Reading.fail(millis, "HTTP " + status + " (expected: " + expectStatus + ")");
            }
            return bodyProblem(body).map(problem -> Reading.fail(millis, problem)).orElseGet(() -> Reading.ok(millis));
        }
    }

    private boolean needsBody() {
        return expectBody.isPresent() || expectJson.isPresent();
    }

    private static byte[] readBody(HttpClientResponse response) throws IOException {
        try (InputStream in = response.inputStream()) {
            return in.readNBytes(MAX_BODY);
        }
    }

    private Optional<String> bodyProblem(byte[] body) {
        if (expectBody.isPresent() && !new String(body, StandardCharsets.UTF_8).contains(expectBody.get())) {
            return Optional.of("body does not contain \"" + expectBody.get() + "\"");
        }
        return expectJson.flatMap(condition -> condition.test(body));
    }
}
