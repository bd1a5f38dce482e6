package io.vigil.health;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.health.HealthJson;
import io.vigil.common.health.HealthStatus;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.health.check.CheckResult;
import io.vigil.health.report.CheckHistory;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.report.HealthDocument;
import io.vigil.health.report.HealthReport;

/**
 * {@code GET /checks}: the report of all checks; {@code GET /checks/{name}}: one check with its history and
 * uptime. Both answer from the runner's latest results and never wait for a check; {@code 503} when the
 * status is {@code fail}, {@code 200} otherwise. Starts the runner with the server and stops it with it.
 */
final class ChecksService implements HttpService {
    private final HealthSettings settings;
    private final CheckRunner runner;
    /** The latest report rendered once, so that each request only copies bytes. */
    private volatile Rendered rendered;

    /**
     * Creates the service.
     *
     * @param settings the {@code health} section
     * @param runner   runs the checks; started and closed with the server
     */
    ChecksService(HealthSettings settings, CheckRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/checks", this::all)
                .get("/checks/{name}", this::one);
    }

    @Override
    public void beforeStart() {
        runner.start();
    }

    @Override
    public void afterStop() {
        runner.close();
    }

    private void all(ServerRequest req, ServerResponse res) {
        HealthReport report = runner.report();
        Rendered latest = rendered;
        if (latest == null || latest.report() != report) {
            // Two requests may both render a new report; either result is the same document.
            latest = new Rendered(report, HealthDocument.report(report, settings.serviceId(), settings.description()));
            rendered = latest;
        }
        send(res, report.status(), latest.document());
    }

    private void one(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        CheckResult latest = runner.report().result(name).orElseThrow(() -> unknown(name));
        CheckHistory history = runner.history(name).orElseThrow(() -> unknown(name));
        byte[] document = HealthDocument.detail(latest, history, settings.serviceId());
        send(res, latest.status(), document);
    }

    private ProblemException unknown(String name) {
        return new ProblemException(Problem.of(Status.NOT_FOUND_404, "No check named \"" + name + "\"; the checks are "
                + String.join(", ", settings.checks().stream().map(CheckSettings::name).toList())));
    }

    private static void send(ServerResponse res, HealthStatus status, byte[] document) {
        res.status(status == HealthStatus.FAIL ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200)
                .header(HeaderNames.CONTENT_TYPE, HealthJson.MEDIA_TYPE.text())
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(document);
    }

    private record Rendered(HealthReport report, byte[] document) {
    }
}
