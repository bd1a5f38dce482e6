package io.vigil.common.accesslog;

/** How access log lines are written ({@code access-log.format}). */
public enum AccessLogFormat {
    /** One JSON object per line with ECS-like field names ({@code @timestamp}, {@code url.path}, ...). */
    JSON,
    /** Apache/nginx combined, then the request time in seconds, the request id and the trace id. */
    COMBINED,
    /** No access log: no filter, no writer thread. */
    OFF
}
