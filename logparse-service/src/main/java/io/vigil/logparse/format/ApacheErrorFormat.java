package io.vigil.logparse.format;

/**
 * {@code apache-error}: Apache httpd's error log in the 2.4 default {@code ErrorLogFormat} and in the 2.2 layout.
 * <pre>
 * [Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:5678]
 *     File does not exist: /usr/local/apache2/htdocs/favicon.ico
 * [Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration: /export/home/live/ap/htdocs/test
 * </pre>
 * Definition: {@code "[" EEE MMM dd HH:mm:ss[.ffffff] yyyy "]" SP "[" [module ":"] level "]"}, then any of
 * {@code SP "[pid " pid [":tid " tid] "]"} and {@code SP "[client " address "]"}, then {@code [SP message]}; local
 * time. Level: emerg, alert, crit, error, warn, notice, info, debug, trace1..trace8. With a module (2.4) the client
 * is {@code address:port} and the port is split off into the extra {@code clientPort}; 2.2 logs no port. A
 * trailing {@code ", referer: " url} of the message becomes the referer. Extras {@code module}, {@code tid}.
 * Optimised byte parser.
 */
final class ApacheErrorFormat implements LineFormat {
    private static final byte[] MODULE = Bytes.ascii("module");
    private static final byte[] TID = Bytes.ascii("tid");
    private static final byte[] CLIENT_PORT = Bytes.ascii("clientPort");
    private static final byte[] PID_OPEN = Bytes.ascii(" [pid ");
    private static final byte[] TID_SEP = Bytes.ascii(":tid ");
    private static final byte[] CLIENT_OPEN = Bytes.ascii(" [client ");
    private static final byte[] REFERER = Bytes.ascii(", referer: ");

    private final TimeContext time;

    ApacheErrorFormat(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "apache-error";
    }

    @Override
    public String description() {
        return "Apache httpd error log, 2.4 default ErrorLogFormat and 2.2 layout";
    }

    @Override
    public String sample() {
        return "[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:5678] "
               + "File does not exist: /usr/local/apache2/htdocs/favicon.ico";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int close = start < end && buf[start] == '[' ? Bytes.indexOf(buf, start, end, (byte) ']') : -1;
        if (close < 0) {
            return out.fail(start < end && buf[start] == '[' ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        long ts = Timestamps.apache(buf, start + 1, close, time, out.dates);
        if (ts == Timestamps.NONE) {
            return out.fail(Reasons.BAD_TIMESTAMP);
        }
        out.timestampMillis(ts);
        return levelAndRest(buf, close + 1, end, out);
    }

    private static boolean levelAndRest(byte[] buf, int i, int end, ParsedLine out) {
        if (i + 1 >= end || buf[i] != ' ' || buf[i + 1] != '[') {
            return out.fail(i + 1 >= end ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int levelClose = Bytes.indexOf(buf, i + 2, end, (byte) ']');
        if (levelClose < 0) {
            return out.fail(Reasons.TRUNCATED);
        }
        boolean withModule = moduleAndLevel(buf, i + 2, levelClose, out);
        if (out.level() == Level.NONE) {
            return out.fail(Reasons.BAD_LEVEL);
        }
        return brackets(buf, levelClose + 1, end, withModule, out);
    }

    /** {@code [module ":"] level}; returns whether a module was present (the 2.4 layout). */
    private static boolean moduleAndLevel(byte[] b, int s, int e, ParsedLine out) {
        int colon = Bytes.indexOf(b, s, e, (byte) ':');
        int levelStart = colon < 0 ? s : colon + 1;
        out.level(Levels.parse(b, levelStart, e));
        if (colon >= 0 && out.level() != Level.NONE) {
            out.addExtra(MODULE, b, s, colon);
        }
        return colon >= 0;
    }

    private static boolean brackets(byte[] b, int s, int e, boolean withModule, ParsedLine out) {
        int i = s;
        if (Bytes.regionMatches(b, i, e, PID_OPEN)) {
            i = pid(b, i + PID_OPEN.length, e, out);
            if (i < 0) {
                return false;
            }
        }
        if (Bytes.regionMatches(b, i, e, CLIENT_OPEN)) {
            i = client(b, i + CLIENT_OPEN.length, e, withModule, out);
            if (i < 0) {
                return false;
            }
        }
        if (i < e) {
            if (b[i] != ' ') {
                return out.fail(Reasons.BAD_SYNTAX);
            }
            message(b, i + 1, e, out);
        }
        return true;
    }

    private static int pid(byte[] b, int s, int e, ParsedLine out) {
        int close = Bytes.indexOf(b, s, e, (byte) ']');
        if (close < 0) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        int tid = Bytes.indexOf(b, s, close, TID_SEP);
        int pidEnd = tid < 0 ? close : tid;
        if (Bytes.parseLong(b, s, pidEnd) < 0) {
            out.fail(Reasons.BAD_NUMBER);
            return -1;
        }
        out.set(Field.PID, b, s, pidEnd);
        if (tid >= 0) {
            out.addExtra(TID, b, tid + TID_SEP.length, close);
        }
        return close + 1;
    }

    private static int client(byte[] b, int s, int e, boolean withPort, ParsedLine out) {
        int close = Bytes.indexOf(b, s, e, (byte) ']');
        if (close < 0) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        int colon = -1;
        for (int k = close - 1; withPort && k > s && colon < 0; k--) {
            if (b[k] == ':') {
                colon = k;
            }
        }
        boolean port = colon > s && colon + 1 < close && Bytes.parseLong(b, colon + 1, close) >= 0;
        out.set(Field.CLIENT, b, s, port ? colon : close);
        if (port) {
            out.addExtra(CLIENT_PORT, b, colon + 1, close);
        }
        return close + 1;
    }

    private static void message(byte[] b, int s, int e, ParsedLine out) {
        int referer = lastIndexOf(b, s, e, REFERER);
        if (referer < 0) {
            out.set(Field.MSG, b, s, e);
        } else {
            out.set(Field.MSG, b, s, referer);
            out.set(Field.REFERER, b, referer + REFERER.length, e);
        }
    }

    private static int lastIndexOf(byte[] b, int s, int e, byte[] needle) {
        for (int i = e - needle.length; i >= s; i--) {
            if (Bytes.regionMatches(b, i, e, needle)) {
                return i;
            }
        }
        return -1;
    }
}
