package io.vigil.common.accesslog;

/**
 * What the access log knows of one request once its response completed: taken on the request's thread (cheap
 * copies of values only), formatted into a line later by the writer thread.
 *
 * @param service       the service's name
 * @param startMillis   when the request started, epoch milliseconds
 * @param durationNanos from the start to the completed response (or the aborted connection)
 * @param requestId     the request id
 * @param traceId       the trace id, or {@code null} when not traced
 * @param spanId        the server span's id, or {@code null}
 * @param client        the client's address
 * @param keyId         the API key id, or {@code null}
 * @param method        the request method
 * @param path          the raw request path, without its query
 * @param query         the query string (secrets redacted), or {@code null} when absent or not logged
 * @param protocol      such as {@code HTTP/1.1}
 * @param status        the response status
 * @param bytesIn       request body bytes read
 * @param bytesOut      response body bytes written, or -1 when unknown
 * @param userAgent     the {@code User-Agent}, or {@code null}
 * @param referer       the {@code Referer} without its query unless queries are logged, or {@code null}
 * @param aborted       whether the connection closed before the response was complete
 * @param fields        the service's own fields, alternating names and values (text or {@link Long})
 */
record AccessRecord(String service, long startMillis, long durationNanos, String requestId, String traceId,
                    String spanId, String client, String keyId, String method, String path, String query,
                    String protocol, int status, long bytesIn, long bytesOut, String userAgent, String referer,
                    boolean aborted, Object[] fields) {
}
