package io.vigil.common.accesslog;

/**
 * The {@code combined} line: Apache/nginx combined (the API key id in the user field), then the request time in
 * seconds as nginx's {@code $request_time} (with microseconds), the request id and the trace id ({@code -} when not
 * traced). logparse's {@code combined} format reads the duration and ignores the two ids.
 * <pre>
 * 10.0.0.7 - ci [14/Mar/2026:10:00:00 +0000] "GET /api/v1/logs/formats HTTP/1.1" 200 812 "-" "curl/8.5.0" 0.002351 4f1c... -
 * </pre>
 * Quoted values are escaped as nginx does: {@code "}, {@code \} and control characters become {@code \xHH}.
 */
final class CombinedLine implements LineFormat {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final TimeText time = TimeText.clf();

    @Override
    public void append(AccessRecord r, StringBuilder line) {
        bare(line, r.client());
        line.append(" - ");
        bare(line, r.keyId());
        line.append(" [");
        time.append(r.startMillis(), line);
        line.append("] \"");
        escape(line, r.method());
        line.append(' ');
        escape(line, r.path());
        if (r.query() != null) {
            line.append('?');
            escape(line, r.query());
        }
        line.append(' ');
        escape(line, r.protocol());
        line.append("\" ").append(r.status()).append(' ');
        if (r.bytesOut() >= 0) {
            line.append(r.bytesOut());
        } else {
            line.append('-');
        }
        line.append(" \"");
        escape(line, r.referer() == null ? "-" : r.referer());
        line.append("\" \"");
        escape(line, r.userAgent() == null ? "-" : r.userAgent());
        line.append("\" ");
        seconds(line, r.durationNanos());
        line.append(' ');
        bare(line, r.requestId());
        line.append(' ');
        bare(line, r.traceId());
    }

    /** Seconds with six decimals. */
    private static void seconds(StringBuilder line, long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        String fraction = Long.toString(1_000_000 + micros % 1_000_000);
        line.append(micros / 1_000_000).append('.').append(fraction, 1, 7);
    }

    /** A field outside quotes: {@code -} when absent; no spaces or control characters, which would split it. */
    private static void bare(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            line.append(c <= ' ' || c == '"' || c == 0x7f ? '_' : c);
        }
    }

    static void escape(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
                line.append("\\x").append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                line.append(c);
            }
        }
    }
}
