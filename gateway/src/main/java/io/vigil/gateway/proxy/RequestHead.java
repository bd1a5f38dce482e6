package io.vigil.gateway.proxy;

import java.util.Set;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.vigil.gateway.http1.AsciiBuilder;
import io.vigil.gateway.http1.HopByHop;

/**
 * Writes the request line and headers the gateway sends upstream for a client's request: the client's
 * end-to-end headers unchanged, hop-by-hop ones and the client's credentials dropped, {@code Host} set to the
 * upstream, {@code X-Forwarded-For} (appended to), {@code -Proto} and {@code -Host} set, {@code X-Request-Id}
 * set to the request's id, and the body framing chosen by the gateway. When the gateway traces, the client's trace
 * context headers are left out too: each attempt adds its own span's ({@link UpstreamTracing}).
 */
final class RequestHead {
    /** Headers the gateway sets itself or consumes: never copied from the client. */
    private static final Set<String> REPLACED = Set.of("host", "content-length", "expect", "x-request-id", "x-forwarded-for",
                                                       "x-forwarded-proto", "x-forwarded-host", "authorization", "x-api-key");

    private RequestHead() {
    }

    /**
     * The bytes of the request head.
     *
     * @param request       the client's request
     * @param target        upstream path with the raw query string, e.g. {@code /v1/analyze?top=5}
     * @param hostHeader    value of {@code Host}
     * @param requestId     the request's id
     * @param contentLength length of the body to send, 0 for none, or -1 for a chunked body
     * @param traced        whether the gateway traces (then the client's trace context headers are dropped)
     * @return ISO-8859-1 bytes ending with the empty line, in a builder's buffer
     */
    static AsciiBuilder of(ServerRequest request, String target, String hostHeader, String requestId, long contentLength,
                           boolean traced) {
        ServerRequestHeaders headers = request.headers();
        AsciiBuilder head = new AsciiBuilder(256 + 64 * headers.size());
        head.append(request.prologue().method().text()).append(' ').append(target).append(" HTTP/1.1\r\n");
        line(head, "Host", hostHeader);
        copyEndToEnd(head, headers, traced);
        String peer = request.remotePeer().host();
        line(head, "X-Forwarded-For", headers.contains(HeaderNames.X_FORWARDED_FOR)
                ? String.join(", ", headers.get(HeaderNames.X_FORWARDED_FOR).allValues()) + ", " + peer
                : peer);
        line(head, "X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        headers.first(HeaderNames.HOST).ifPresent(host -> line(head, "X-Forwarded-Host", host));
        line(head, "X-Request-Id", requestId);
        if (contentLength > 0) {
            line(head, "Content-Length", Long.toString(contentLength));
        } else if (contentLength < 0) {
            line(head, "Transfer-Encoding", "chunked");
        }
        return head.append('\r').append('\n');
    }

    private static void copyEndToEnd(AsciiBuilder head, ServerRequestHeaders headers, boolean traced) {
        Set<String> hopByHop = HopByHop.of(headers);
        for (Header header : headers) {
            String name = header.headerName().lowerCase();
            if (hopByHop.contains(name) || REPLACED.contains(name) || traced && UpstreamTracing.isTraceHeader(name)) {
                continue;
            }
            if (header.valueCount() == 1) {
                line(head, header.headerName().defaultCase(), header.get());
            } else {
                for (String value : header.allValues()) {
                    line(head, header.headerName().defaultCase(), value);
                }
            }
        }
    }

    /**
     * The upstream request target for a path and the client's query.
     *
     * @param path     upstream path
     * @param rawQuery the client's raw query string, or empty
     * @return path and query
     */
    static String target(String path, String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? path : path + '?' + rawQuery;
    }

    private static void line(AsciiBuilder head, String name, String value) {
        head.append(name).append(':').append(' ').append(value).append('\r').append('\n');
    }
}
