/**
 * The access log every service writes: one line per request when its response completes (json with ECS-like field
 * names, or combined with the request time), through a bounded queue to one writer thread, to standard output or a
 * file rotated by size. {@link io.vigil.common.accesslog.AccessLog} is the running log, configured by the
 * {@code access-log} section ({@link io.vigil.common.accesslog.AccessLogSettings}); services add the API key id and
 * fields of their own to a request's line through {@link io.vigil.common.accesslog.AccessLogFields}.
 *
 * <p>Why not Helidon's {@code helidon-webserver-access-log} (it resolves at 4.1.2): its filter writes each line
 * through {@code System.Logger} on the request's thread, so a slow disk or a full pipe delays requests, and nothing
 * bounds or counts what is lost; its size entry is {@code ServerResponse.bytesWritten()}, which counts the status
 * line, the headers and the chunk framing rather than the body, and nothing counts bytes read; its line is written
 * when the filter chain returns, which for a request refused by an inner filter (a thrown problem) is before Helidon
 * writes the error response, so the line says 200; and it has no JSON format. What this package would take from it
 * is small: a filter around {@code chain.proceed()}. So it has its own: a stream filter on the request counts the
 * body bytes read; a response sent whole is counted from its {@code Content-Length}, and a streamed one through
 * {@link io.vigil.common.accesslog.AccessLogFields#countedOutputStream}, which handlers that stream use instead of
 * {@code ServerResponse.outputStream()} (Helidon's stream filter on the response would do it for every response, but
 * it sends every response, even one sent whole, through Helidon's streaming path, which answers differently: a
 * {@code HEAD} loses its {@code Content-Length}, and an answer sent just before the connection is cut is never
 * written); {@code ServerResponse.whenSent} marks completion; a record of plain values goes to the queue, and
 * formatting and I/O happen on the writer thread.
 *
 * <p>This package imports nothing of Vigil but {@code config} and {@code http}.
 */
package io.vigil.common.accesslog;
