package io.vigil.gateway.health;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.health.HealthJson;
import io.vigil.common.health.HealthStatus;
import io.vigil.common.http.RequestId;

/**
 * {@code GET /api/v1/health}: the platform's health as {@code application/health+json} (200 for pass and warn, 503
 * for fail). Its {@code /checks} below are a route to health-service, not served here.
 */
public final class HealthService implements HttpService {
    /** The media type of the health document. */
    static final String HEALTH_JSON = HealthJson.MEDIA_TYPE.text();

    private final PlatformHealth platform;

    /**
     * Creates the service.
     *
     * @param platform how the platform's health is assessed
     */
    public HealthService(PlatformHealth platform) {
        this.platform = platform;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::platform);
    }

    private void platform(ServerRequest request, ServerResponse response) {
        PlatformHealth.Report report = platform.assess(RequestId.of(request).value(), request.context().get(SpanContext.class));
        response.status(report.status() == HealthStatus.FAIL ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200)
                .header(HeaderNames.CONTENT_TYPE, HEALTH_JSON)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(report.document().toString());
    }
}
