package io.vigil.tracecollector;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;

/**
 * The {@code collector} section: where spans arrive and how many are kept.
 *
 * @param grpcPort port of the gRPC receiver ({@code collector.grpc-port}, 0 for any free port)
 * @param maxSpans spans kept in memory; beyond, the oldest traces are dropped ({@code collector.max-spans})
 */
record CollectorSettings(int grpcPort, int maxSpans) {
    static final int DEFAULT_GRPC_PORT = 14250;
    static final int DEFAULT_MAX_SPANS = 100_000;

    static CollectorSettings create(Config collector) {
        int port = collector.get("grpc-port").asInt().orElse(DEFAULT_GRPC_PORT);
        if (port < 0 || port > 65_535) {
            throw new InvalidConfigException("collector.grpc-port", Integer.toString(port), "an integer 0..65535");
        }
        int maxSpans = collector.get("max-spans").asInt().orElse(DEFAULT_MAX_SPANS);
        if (maxSpans < 1) {
            throw new InvalidConfigException("collector.max-spans", Integer.toString(maxSpans), "a positive integer");
        }
        return new CollectorSettings(port, maxSpans);
    }
}
