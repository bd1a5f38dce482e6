package io.vigil.logparse.format;

/**
 * {@code common}: the NCSA Common Log Format, Apache's {@code "%h %l %u %t \"%r\" %>s %b"} and nginx's
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent}.
 * <pre>
 * 127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
 * </pre>
 * Exact definition in {@link AccessLog}; nothing may follow the size field. Fields: {@code client}, {@code ts},
 * {@code method}, {@code path}, {@code query}, {@code protocol}, {@code status}, {@code bytes}; extras
 * {@code ident} and {@code user} when not {@code -}, {@code request} (the raw request) when it is not a
 * request line. Optimised byte parser.
 */
final class CommonFormat implements LineFormat {
    @Override
    public String name() {
        return "common";
    }

    @Override
    public String description() {
        return "NCSA Common Log Format (Apache %h %l %u %t \"%r\" %>s %b, nginx without referer and user agent)";
    }

    @Override
    public String sample() {
        return "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int i = AccessLog.prefix(buf, start, end, out);
        if (i < 0) {
            return false;
        }
        return i == end || out.fail(Reasons.TRAILING_DATA);
    }
}
