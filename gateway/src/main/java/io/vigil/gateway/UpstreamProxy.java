package io.vigil.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.http.Problem;
import io.vigil.common.http.ProblemException;
import io.vigil.common.http.RequestId;
import io.vigil.common.http.RequestIdClientService;

/**
 * Forwards requests to one upstream with Helidon's WebClient and streams the answer back: status,
 * end-to-end headers and body pass through unchanged; hop-by-hop headers are dropped; a failure to reach
 * the upstream becomes a 502 (unreachable, broken response) or 504 (timeout) problem naming it.
 */
final class UpstreamProxy {
    /** Hop-by-hop headers (RFC 9110 7.6.1) and others that describe one connection, never forwarded. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
                                                 "upgrade", "proxy-authorization", "proxy-authenticate",
                                                 "proxy-connection", "host", "content-length");

    private final UpstreamSettings settings;
    private final WebClient client;

    UpstreamProxy(UpstreamSettings settings) {
        this.settings = settings;
        this.client = WebClient.builder()
                .baseUri(settings.baseUri())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .followRedirects(false)
                .addService(new RequestIdClientService())
                .build();
    }

    /**
     * Forwards a bodiless request to {@code path} on the upstream, with the request's query string.
     *
     * @param request  the gateway's request
     * @param response the gateway's response
     * @param path     upstream path
     * @throws ProblemException 502 or 504 when the upstream cannot be reached or does not answer in time
     */
    void forward(ServerRequest request, ServerResponse response, String path) {
        HttpClientRequest call = client.method(request.prologue().method()).path(path);
        request.query().names().forEach(name -> call.queryParam(name, request.query().all(name).toArray(String[]::new)));
        copyEndToEnd(request.headers(), call.headers()::add);
        call.header(HeaderNames.X_FORWARDED_FOR, request.remotePeer().host());
        call.header(HeaderNames.X_FORWARDED_PROTO, request.isSecure() ? "https" : "http");
        request.headers().first(HeaderNames.HOST).ifPresent(host -> call.header(HeaderNames.X_FORWARDED_HOST, host));
        try (HttpClientResponse upstream = call.request()) {
            response.status(upstream.status());
            copyEndToEnd(upstream.headers(), response::header);
            try (InputStream body = upstream.inputStream(); OutputStream out = response.outputStream()) {
                body.transferTo(out);
            }
        } catch (IOException e) {
            throw failure(new UncheckedIOException(e));
        } catch (UncheckedIOException e) {
            throw failure(e);
        }
    }

    /**
     * Copies the headers meant for the other end: not hop-by-hop ones, not those the {@code Connection}
     * header names as hop-by-hop, and not {@code X-Request-Id} (the gateway sets its own).
     */
    private static void copyEndToEnd(Headers from, Consumer<Header> to) {
        Set<String> connectionScoped = new HashSet<>(HOP_BY_HOP);
        from.first(HeaderNames.CONNECTION).ifPresent(value -> {
            for (String name : value.split(",")) {
                connectionScoped.add(name.trim().toLowerCase(Locale.ROOT));
            }
        });
        connectionScoped.add(RequestId.HEADER.lowerCase());
        for (Header header : from) {
            if (!connectionScoped.contains(header.name().toLowerCase(Locale.ROOT))) {
                to.accept(header);
            }
        }
    }

    private ProblemException failure(UncheckedIOException e) {
        Throwable cause = e.getCause();
        Problem problem;
        if (cause instanceof SocketTimeoutException) {
            problem = Problem.of("urn:vigil:problem:upstream-timeout", "Upstream timed out", Status.GATEWAY_TIMEOUT_504,
                                 "Upstream '" + settings.name() + "' did not answer within " + settings.readTimeout());
        } else if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            problem = Problem.of("urn:vigil:problem:upstream-unreachable", "Upstream unreachable", Status.BAD_GATEWAY_502,
                                 "Upstream '" + settings.name() + "' at " + settings.baseUri() + " refused the connection");
        } else {
            problem = Problem.of("urn:vigil:problem:upstream-failed", "Upstream failed", Status.BAD_GATEWAY_502,
                                 "Upstream '" + settings.name() + "' broke off the exchange"
                                         + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        }
        return new ProblemException(problem.with("upstream", settings.name()));
    }
}
