package io.vigil.gateway;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/logs/*}: the log-analysis API, served by logparse-service.
 */
final class LogsService implements HttpService {
    private final UpstreamProxy logparse;

    LogsService(UpstreamProxy logparse) {
        this.logparse = logparse;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/formats", this::formats);
    }

    private void formats(ServerRequest request, ServerResponse response) {
        logparse.forward(request, response, "/v1/formats");
    }
}
