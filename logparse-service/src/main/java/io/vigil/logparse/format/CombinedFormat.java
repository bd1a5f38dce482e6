package io.vigil.logparse.format;

/**
 * {@code combined}: Apache/nginx Combined Log Format, the Common Log Format followed by quoted referer and user
 * agent, with optional trailing fields.
 * <pre>
 * 127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"
 * </pre>
 * Definition: the CLF prefix of {@link AccessLog}, then any number of fields, each after one or more spaces, each
 * either a double-quoted string (as {@link Bytes#quotedEnd}) or a run of non-space bytes:
 * <ul>
 *     <li>the first quoted field is the referer, the second the user agent, the third nginx {@code main}'s
 *     {@code "$http_x_forwarded_for"} (extra {@code forwardedFor}); {@code -} or empty means none;</li>
 *     <li>the first unquoted field that is a number is the duration: an integer is Apache's {@code %D}
 *     (microseconds), a decimal nginx's {@code $request_time} (seconds, e.g. {@code 0.123});</li>
 *     <li>other fields are ignored. Referer and user agent may be missing (then the line is plain CLF).</li>
 * </ul>
 * Optimised byte parser; referer and user agent are hashed for the counters while their end is searched.
 */
final class CombinedFormat implements LineFormat {
    static final byte[] FORWARDED_FOR = Bytes.ascii("forwardedFor");

    @Override
    public String name() {
        return "combined";
    }

    @Override
    public String description() {
        return "Apache/nginx Combined Log Format, optionally followed by X-Forwarded-For and %D or $request_time";
    }

    @Override
    public String sample() {
        return "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
               + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int i = AccessLog.prefix(buf, start, end, out);
        if (i < 0) {
            return false;
        }
        int quoted = 0;
        // i is at a space or at the end: the prefix, a quoted field and a bare field all end there.
        while (i < end) {
            i = Bytes.skipSpaces(buf, i, end);
            if (i == end) {
                break;
            }
            i = buf[i] == '"' ? quotedField(buf, i, end, quoted++, out) : bareField(buf, i, end, out);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    private static int quotedField(byte[] b, int open, int e, int index, ParsedLine out) {
        if (index < 2) {
            int close = AccessLog.quoted(b, open, e, index == 0 ? Field.REFERER : Field.USER_AGENT, out);
            if (close < 0) {
                out.fail(Reasons.UNTERMINATED_QUOTE);
                return -1;
            }
            return close + 1;
        }
        int close = Bytes.quotedEnd(b, open, e);
        if (close < 0) {
            out.fail(Reasons.UNTERMINATED_QUOTE);
            return -1;
        }
        if (close > open + 1 && !Bytes.isDash(b, open + 1, close)) {
            if (index == 2) {
                out.addExtra(FORWARDED_FOR, b, open + 1, close);
            }
            // further quoted fields of custom formats are not interpreted
        }
        return close + 1;
    }

    private static int bareField(byte[] b, int s, int e, ParsedLine out) {
        int t = Bytes.tokenEnd(b, s, e);
        if (out.durationMicros() < 0 && Timestamps.digit(b[s]) >= 0) {
            boolean decimal = Bytes.indexOf(b, s, t, (byte) '.') >= 0;
            long micros = decimal ? Bytes.secondsAsMicros(b, s, t) : Bytes.parseLong(b, s, t);
            if (micros == Bytes.OVERFLOW) {
                out.fail(Reasons.NUMBER_OUT_OF_RANGE);
                return -1;
            }
            if (micros >= 0) {
                out.durationMicros(micros);
            }
        }
        return t;
    }
}
