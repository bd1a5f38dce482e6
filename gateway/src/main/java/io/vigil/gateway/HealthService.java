package io.vigil.gateway;

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
 * {@code /api/v1/health}: the platform's health as {@code application/health+json} (200 for pass and warn, 503
 * for fail), and {@code /checks}, {@code /checks/{name}} proxied to health-service.
 */
final class HealthService implements HttpService {
    /** The media type of the health document. */
    static final String HEALTH_JSON = HealthJson.MEDIA_TYPE.text();

    private static final String CHECKS = "/checks/";

    private final PlatformHealth platform;
    private final UpstreamProxy health;

    HealthService(PlatformHealth platform, UpstreamProxy health) {
        this.platform = platform;
        this.health = health;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::platform)
                .get("/checks", this::checks)
                .get("/checks/{name}", this::check);
    }

    private void platform(ServerRequest request, ServerResponse response) {
        PlatformHealth.Report report = platform.assess(RequestId.of(request).value(), request.context().get(SpanContext.class));
        response.status(report.status() == HealthStatus.FAIL ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200)
                .header(HeaderNames.CONTENT_TYPE, HEALTH_JSON)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(report.document().toString());
    }

    private void checks(ServerRequest request, ServerResponse response) {
        health.forward(request, response, PlatformHealth.REPORT_PATH);
    }

    private void check(ServerRequest request, ServerResponse response) {
        String path = request.path().rawPath();
        health.forward(request, response, PlatformHealth.REPORT_PATH + "/" + path.substring(path.lastIndexOf(CHECKS)
                + CHECKS.length()));
    }
}
