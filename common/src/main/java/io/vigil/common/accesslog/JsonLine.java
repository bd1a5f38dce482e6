package io.vigil.common.accesslog;

/**
 * The {@code json} line: one object with ECS-like field names, flat and dotted as ECS loggers write them, so log
 * stacks index it as it is and logparse's {@code json} format reads it. Absent values are left out.
 * <pre>
 * {"@timestamp":"2026-03-14T10:00:00.123Z","service.name":"gateway","event.dataset":"gateway.access",
 *  "http.request.id":"4f1c...","client.address":"10.0.0.7","http.request.method":"GET","url.path":"/api/v1/logs/formats",
 *  "http.version":"1.1","http.response.status_code":200,"http.request.body.bytes":0,"http.response.body.bytes":812,
 *  "event.duration":2351000,"vigil.duration_ms":2.351,"user_agent.original":"curl/8.5.0","vigil.route":"/api/v1/logs"}
 * </pre>
 * (on one line).
 */
final class JsonLine implements LineFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final TimeText time = TimeText.iso();

    @Override
    public void append(AccessRecord r, StringBuilder line) {
        line.append("{\"@timestamp\":\"");
        time.append(r.startMillis(), line);
        line.append('"');
        text(line, "service.name", r.service());
        text(line, "event.dataset", r.service() + ".access");
        text(line, "http.request.id", r.requestId());
        text(line, "trace.id", r.traceId());
        text(line, "span.id", r.spanId());
        text(line, "client.address", r.client());
        text(line, "vigil.key_id", r.keyId());
        text(line, "http.request.method", r.method());
        text(line, "url.path", r.path());
        text(line, "url.query", r.query());
        text(line, "http.version", version(r.protocol()));
        number(line, "http.response.status_code", r.status());
        number(line, "http.request.body.bytes", r.bytesIn());
        if (r.bytesOut() >= 0) {
            number(line, "http.response.body.bytes", r.bytesOut());
        }
        number(line, "event.duration", r.durationNanos());
        line.append(",\"vigil.duration_ms\":");
        millis(line, r.durationNanos());
        text(line, "user_agent.original", r.userAgent());
        text(line, "http.request.referrer", r.referer());
        if (r.aborted()) {
            line.append(",\"vigil.aborted\":true");
        }
        Object[] fields = r.fields();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] instanceof Long number) {
                number(line, (String) fields[i], number);
            } else {
                text(line, (String) fields[i], String.valueOf(fields[i + 1]));
            }
        }
        line.append('}');
    }

    /** {@code HTTP/1.1} is ECS's {@code 1.1}. */
    private static String version(String protocol) {
        int slash = protocol == null ? -1 : protocol.indexOf('/');
        return slash < 0 ? protocol : protocol.substring(slash + 1);
    }

    /** Milliseconds with three decimals, from nanoseconds. */
    static void millis(StringBuilder line, long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        line.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        line.append((char) ('0' + fraction / 100)).append((char) ('0' + fraction / 10 % 10)).append((char) ('0' + fraction % 10));
    }

    private static void number(StringBuilder line, String name, long value) {
        line.append(",\"").append(name).append("\":").append(value);
    }

    private static void text(StringBuilder line, String name, String value) {
        if (value == null) {
            return;
        }
        line.append(",\"").append(name).append("\":\"");
        escape(line, value);
        line.append('"');
    }

    /** JSON string escaping (RFC 8259): quote, backslash and control characters. */
    static void escape(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        line.append("\\u00").append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }
}
