package io.vigil.tracecollector;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.service.VigilService;

/**
 * Starts the trace collector: gRPC {@code PostSpans} on {@code collector.grpc-port} (14250), the query API and the
 * usual {@code /observe/health} on {@code server.port} (16686, Jaeger's UI and query port).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the collector until SIGTERM.
     *
     * @param args ignored; configuration comes from application.yaml, VIGIL_CONFIG and the environment
     */
    public static void main(String[] args) {
        VigilService.run("trace-collector", Main::routing);
    }

    /**
     * Starts the gRPC receiver, which lives as long as the process, and registers the query API.
     *
     * @param routing routing under construction
     * @param config  the whole configuration
     */
    static void routing(HttpRouting.Builder routing, Config config) {
        CollectorSettings settings = CollectorSettings.create(config.get("collector"));
        SpanStore store = new SpanStore(settings.maxSpans());
        PostSpansReceiver.start(settings.grpcPort(), store);
        routing.register("/api/traces", new TracesService(store));
    }
}
