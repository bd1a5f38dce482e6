package io.vigil.gateway;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/logs/*}: the log-analysis API, served by logparse-service; bodies stream both ways.
 */
final class LogsService implements HttpService {
    private final UpstreamProxy logparse;

    LogsService(UpstreamProxy logparse) {
        this.logparse = logparse;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/analyze", this::analyze)
                .post("/parse", this::parse)
                .get("/formats", this::formats);
    }

    private void analyze(ServerRequest request, ServerResponse response) {
        logparse.forward(request, response, "/v1/analyze");
    }

    private void parse(ServerRequest request, ServerResponse response) {
        logparse.forward(request, response, "/v1/parse");
    }

    private void formats(ServerRequest request, ServerResponse response) {
        logparse.forward(request, response, "/v1/formats");
    }
}
