package io.vigil.logparse;

import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;
import io.vigil.common.tracing.Tracing;
import io.vigil.logparse.format.Formats;
import io.vigil.logparse.format.TimeContext;

/**
 * Starts logparse-service (port 8082 by default).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the service until SIGTERM.
     *
     * @param args ignored; configuration comes from application.yaml, VIGIL_CONFIG and the environment
     */
    public static void main(String[] args) {
        VigilService.run("logparse-service", Main::routing);
    }

    /**
     * The service's own routes; tests and the one-JVM platform test reuse them. With tracing on, analyses and
     * parses add spans of their phases (detect, parse, merge) to the request's server span.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    public static void routing(HttpRouting.Builder routing, Config config) {
        LogparseSettings settings = LogparseSettings.create(config.get("logparse"));
        List<FormatDescription> formats = Formats.all(TimeContext.utc(), settings.formats()).stream()
                .map(format -> new FormatDescription(format.name(), format.description(), format.sample()))
                .toList();
        routing.register("/v1", new FormatsService(formats), new AnalyzeAndParseService(settings, Clock.systemUTC(),
                                                                                          Tracing.tracer()));
    }
}
