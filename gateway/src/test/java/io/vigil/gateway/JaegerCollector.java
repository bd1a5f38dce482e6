package io.vigil.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Collector;
import io.opentelemetry.exporter.jaeger.proto.api_v2.CollectorServiceGrpc;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Model;

/**
 * A Jaeger collector on loopback speaking the real protocol (gRPC {@code jaeger.api_v2.CollectorService/PostSpans},
 * as Jaeger's port 14250 does): it keeps every batch the services export, decoded.
 */
final class JaegerCollector implements AutoCloseable {
    private final Queue<Model.Batch> batches = new ConcurrentLinkedQueue<>();
    private final Server server;

    private JaegerCollector() throws IOException {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new CollectorServiceGrpc.CollectorServiceImplBase() {
                    @Override
                    public void postSpans(Collector.PostSpansRequest request,
                                          StreamObserver<Collector.PostSpansResponse> response) {
                        batches.add(request.getBatch());
                        response.onNext(Collector.PostSpansResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
    }

    /**
     * Starts a collector on an ephemeral loopback port.
     *
     * @return the running collector
     * @throws IOException when it cannot listen
     */
    static JaegerCollector start() throws IOException {
        return new JaegerCollector();
    }

    int port() {
        return server.getPort();
    }

    /**
     * The spans received of one trace, by the service name of the batch that carried them.
     *
     * @param traceId trace id, 32 hex digits
     * @return service name to spans
     */
    Map<String, List<Model.Span>> trace(String traceId) {
        return batches.stream()
                .flatMap(batch -> batch.getSpansList().stream()
                        .filter(span -> hex(span.getTraceId().toByteArray()).equals(traceId))
                        .map(span -> Map.entry(batch.getProcess().getServiceName(), span)))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                                               Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /**
     * Waits until the spans of a trace satisfy a condition.
     *
     * @param traceId   trace id
     * @param condition what the spans by service must satisfy
     * @param timeout   longest wait
     * @return the spans by service at that moment
     * @throws AssertionError when the condition is not met in time
     */
    Map<String, List<Model.Span>> await(String traceId, Predicate<Map<String, List<Model.Span>>> condition,
                                        Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<Model.Span>> seen = trace(traceId);
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("trace " + traceId + " not received as expected within " + timeout + "; operations: "
                                                 + seen.entrySet().stream().collect(Collectors.toMap(
                                                         Map.Entry::getKey,
                                                         e -> e.getValue().stream().map(Model.Span::getOperationName).toList())));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            seen = trace(traceId);
        }
        return seen;
    }

    static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    @Override
    public void close() {
        try {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
