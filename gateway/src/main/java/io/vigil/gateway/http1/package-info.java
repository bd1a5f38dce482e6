/**
 * The gateway's HTTP/1.1 client for the upstream side, in the manner of OkHttp's {@code internal/http1}: a connection
 * ({@code Http1Connection}) over a blocking {@code SocketChannel} (virtual threads park on it), the response head and
 * body parsers ({@code ResponseHead}, {@code ResponseBody} over {@code Http1Reader}), request-head bytes
 * ({@code AsciiBuilder}), the hop-by-hop header rule, and the keep-alive {@code ConnectionPool}, which opens every
 * connection and is the only one to close it. It holds no platform rule and imports nothing from the web server,
 * the fault-tolerance library or the rest of the gateway.
 *
 * <p>Why a client of its own rather than a library: the gateway must stream both ways at once, full duplex on one
 * HTTP/1.1 exchange, because logparse-service answers {@code /v1/parse} with NDJSON records while the upload is still
 * arriving. Helidon 4.1.2's WebClient reads the response only after the whole request body is written (an upstream
 * that answers while it reads deadlocks once the socket buffers fill), and a streamed body with
 * {@code Content-Length} is switched to chunked after the first write while that write's buffer is kept by reference,
 * so a reused buffer corrupts it. The JDK's HttpClient and OkHttp do not offer full duplex over HTTP/1.1 either. The
 * gateway's streaming, resilience, larger-than-heap and hostile-input tests, and the gateway benchmark against nginx,
 * are the bar any replacement has to pass. Apache HttpCore 5's full-duplex exchange was tried against that bar (issue
 * 13's spike): it passed the tests only after four workarounds and was slower on the benchmark (0.53x this client in
 * the median of three runs), so this client stays; the report is perf/SPIKE-httpcore5.md.</p>
 *
 * <p>WebClient is still the right tool for bodiless GETs: the readiness probes ({@code endpoint}) and health-service's
 * report ({@code health}) use it.</p>
 */
package io.vigil.gateway.http1;
