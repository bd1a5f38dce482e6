package io.vigil.tracecollector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.exporter.jaeger.proto.api_v2.Collector;
import io.opentelemetry.exporter.jaeger.proto.api_v2.CollectorServiceGrpc;

/**
 * Jaeger's collector service over gRPC ({@code jaeger.api_v2.CollectorService/PostSpans}), what Helidon's Jaeger
 * exporter sends to: every batch goes to the store.
 */
final class PostSpansReceiver implements AutoCloseable {
    private final Server server;

    private PostSpansReceiver(Server server) {
        this.server = server;
    }

    /**
     * Listens on every interface (other containers send to it).
     *
     * @param port  port, 0 for any free one
     * @param store where the spans go
     * @return the running receiver
     * @throws UncheckedIOException when it cannot listen
     */
    static PostSpansReceiver start(int port, SpanStore store) {
        CollectorServiceGrpc.CollectorServiceImplBase service = new CollectorServiceGrpc.CollectorServiceImplBase() {
            @Override
            public void postSpans(Collector.PostSpansRequest request, StreamObserver<Collector.PostSpansResponse> response) {
                store.add(request.getBatch());
                response.onNext(Collector.PostSpansResponse.getDefaultInstance());
                response.onCompleted();
            }
        };
        try {
            return new PostSpansReceiver(NettyServerBuilder.forAddress(new InetSocketAddress(port))
                                                 .addService(service)
                                                 .build()
                                                 .start());
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("port " + port + " (collector.grpc-port): " + e.getMessage(), e));
        }
    }

    int port() {
        return server.getPort();
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
