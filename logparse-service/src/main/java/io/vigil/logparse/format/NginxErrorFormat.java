package io.vigil.logparse.format;

/**
 * {@code nginx-error}: nginx's error log, as written by {@code ngx_log_error_core}.
 * <pre>
 * 2024/03/14 10:15:30 [error] 12345#12345: *67 open() "/srv/favicon.ico" failed (2: No such file or directory),
 *     client: 192.168.1.10, server: localhost, request: "GET /favicon.ico HTTP/1.1", host: "example.com"
 * 2024/03/14 10:15:31 [notice] 1#1: using the "epoll" event method
 * </pre>
 * Definition: {@code yyyy/MM/dd HH:mm:ss SP "[" level "]" SP pid "#" tid ":" [SP "*" cid] [SP message]}, local
 * time; level one of debug, info, notice, warn, error, crit, alert, emerg. The HTTP context nginx appends starts at
 * the first {@code ", client: "} of the message: a list of {@code ", " key ": " value} where the value is either
 * double-quoted (closed by a quote followed by a comma or the end) or runs to the next {@code ", "}; keys are
 * lower-case letters and {@code _}. When the whole context has that shape it is split off the message: client,
 * request (method, path, query, protocol), host and referrer become fields, other keys (server, upstream,
 * subrequest) extras; otherwise the message is kept whole. Extras {@code tid}, {@code cid}. Optimised byte parser.
 */
final class NginxErrorFormat implements LineFormat {
    private static final byte[] TID = Bytes.ascii("tid");
    private static final byte[] CID = Bytes.ascii("cid");
    private static final byte[] CONTEXT = Bytes.ascii(", client: ");
    private static final byte[] CLIENT = Bytes.ascii("client");
    private static final byte[] REQUEST = Bytes.ascii("request");
    private static final byte[] HOST = Bytes.ascii("host");
    private static final byte[] REFERRER = Bytes.ascii("referrer");

    private final TimeContext time;

    NginxErrorFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "nginx-error";
    }

    @Override
    public String description() {
        return "nginx error log (error_log), with the client/request context nginx appends split into fields";
    }

    @Override
    public String sample() {
        return "2024/03/14 10:15:30 [error] 12345#12345: *67 open() \"/usr/share/nginx/html/favicon.ico\" failed "
               + "(2: No such file or directory), client: 192.168.1.10, server: localhost, "
               + "request: \"GET /favicon.ico HTTP/1.1\", host: \"example.com\"";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        long ts = Timestamps.slashed(buf, start, end, time, out.dates);
        if (ts == Timestamps.NONE) {
            return out.fail(end - start < 19 ? Reasons.TRUNCATED : Reasons.BAD_TIMESTAMP);
        }
        out.timestampMillis(ts);
        int i = start + 19;
        if (i + 1 >= end || buf[i] != ' ' || buf[i + 1] != '[') {
            return out.fail(i + 1 >= end ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int close = Bytes.indexOf(buf, i + 2, end, (byte) ']');
        if (close < 0) {
            return out.fail(Reasons.TRUNCATED);
        }
        Level level = Levels.parse(buf, i + 2, close);
        if (level == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        out.level(level);
        return process(buf, close + 1, end, out);
    }

    /** {@code SP pid "#" tid ":"} then the optional connection id and the message. */
    private static boolean process(byte[] b, int s, int e, ParsedLine out) {
        int hash = Bytes.indexOf(b, s, e, (byte) '#');
        int colon = hash < 0 ? -1 : Bytes.indexOf(b, hash, e, (byte) ':');
        if (colon < 0 || b[s] != ' ') {
            return out.fail(colon < 0 ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        if (Bytes.parseLong(b, s + 1, hash) < 0 || Bytes.parseLong(b, hash + 1, colon) < 0) {
            return out.fail(Reasons.BAD_NUMBER);
        }
        out.set(Field.PID, b, s + 1, hash);
        out.addExtra(TID, b, hash + 1, colon);
        int i = connection(b, colon + 1, e, out);
        if (i < 0) {
            return false;
        }
        if (i < e) {
            if (b[i] != ' ') {
                return out.fail(Reasons.BAD_SYNTAX);
            }
            message(b, i + 1, e, out);
        }
        return true;
    }

    /** The optional {@code SP "*" cid}; returns the index after it, or -1. */
    private static int connection(byte[] b, int i, int e, ParsedLine out) {
        if (i + 1 >= e || b[i] != ' ' || b[i + 1] != '*') {
            return i;
        }
        int cidEnd = Bytes.tokenEnd(b, i + 2, e);
        if (Bytes.parseLong(b, i + 2, cidEnd) < 0) {
            out.fail(Reasons.BAD_NUMBER);
            return -1;
        }
        out.addExtra(CID, b, i + 2, cidEnd);
        return cidEnd;
    }

    private static void message(byte[] b, int s, int e, ParsedLine out) {
        int context = Bytes.indexOf(b, s, e, CONTEXT);
        if (context < 0 || !validContext(b, context, e)) {
            out.set(Field.MSG, b, s, e);
            return;
        }
        out.set(Field.MSG, b, s, context);
        int i = context;
        while (i < e) {
            int keyStart = i + 2;
            int colon = Bytes.indexOf(b, keyStart, e, (byte) ':');
            int valueStart = colon + 2;
            int valueEnd = valueEnd(b, valueStart, e);
            boolean quoted = valueStart < e && b[valueStart] == '"';
            int vs = quoted ? valueStart + 1 : valueStart;
            int ve = quoted ? valueEnd - 1 : valueEnd;
            field(b, keyStart, colon, vs, ve, out);
            i = valueEnd;
        }
    }

    /** Whether {@code [s, e)} is a sequence of {@code ", " key ": " value}. */
    private static boolean validContext(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            i = pairEnd(b, i, e);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /** End of one {@code ", " key ": " value} at {@code i}, or -1. */
    private static int pairEnd(byte[] b, int i, int e) {
        if (i + 2 >= e || b[i] != ',' || b[i + 1] != ' ') {
            return -1;
        }
        int keyEnd = keyEnd(b, i + 2, e);
        if (keyEnd == i + 2 || keyEnd + 2 > e || b[keyEnd] != ':' || b[keyEnd + 1] != ' ') {
            return -1;
        }
        return valueEnd(b, keyEnd + 2, e);
    }

    private static int keyEnd(byte[] b, int s, int e) {
        int i = s;
        while (i < e && (b[i] >= 'a' && b[i] <= 'z' || b[i] == '_')) {
            i++;
        }
        return i;
    }

    /** End of a context value starting at {@code s}: after its closing quote, or at the next ", "; -1 if none. */
    private static int valueEnd(byte[] b, int s, int e) {
        if (s < e && b[s] == '"') {
            return quotedValueEnd(b, s, e);
        }
        int i = s;
        while (i < e && !(b[i] == ',' && i + 1 < e && b[i + 1] == ' ')) {
            i++;
        }
        return i;
    }

    private static int quotedValueEnd(byte[] b, int s, int e) {
        for (int i = s + 1; i < e; i++) {
            if (b[i] == '"' && (i + 1 == e || b[i + 1] == ',')) {
                return i + 1;
            }
        }
        return -1;
    }

    private static void field(byte[] b, int ks, int ke, int vs, int ve, ParsedLine out) {
        if (Bytes.equals(b, ks, ke, CLIENT)) {
            out.set(Field.CLIENT, b, vs, ve);
        } else if (Bytes.equals(b, ks, ke, REQUEST)) {
            Bytes.requestLine(b, vs, ve, out, REQUEST);
        } else if (Bytes.equals(b, ks, ke, HOST)) {
            out.set(Field.HOST, b, vs, ve);
        } else if (Bytes.equals(b, ks, ke, REFERRER)) {
            out.set(Field.REFERER, b, vs, ve);
        } else {
            out.addExtra(b, ks, ke, b, vs, ve);
        }
    }
}
