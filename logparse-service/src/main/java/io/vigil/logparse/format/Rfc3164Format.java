package io.vigil.logparse.format;

/**
 * {@code syslog-rfc3164}: BSD syslog (RFC 3164) as written to files by syslogd/rsyslog, with or without the
 * {@code <PRI>} of the wire format.
 * <pre>
 * &lt;34&gt;Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8
 * Mar 14 10:15:30 web01 sshd[1234]: Accepted publickey for deploy from 10.0.0.7 port 50522 ssh2
 * </pre>
 * Definition: {@code ["<" PRI ">"] TIMESTAMP SP HOSTNAME [SP [TAG] MSG]}. TIMESTAMP is {@code MMM dd HH:mm:ss}
 * (day padded with a space or a zero; year from the rule in {@link TimeContext}; local time) or an RFC 3339
 * timestamp (rsyslog's high-precision file format). HOSTNAME is a run of non-space bytes. TAG is the next word
 * when it ends with {@code ":"}, optionally as {@code app "[" pid "]:"}; the app is {@code app}, the pid is
 * {@code pid}, and one space after the colon is skipped. Without a tag the message starts at that word.
 * PRI (0..191) gives the extras {@code facility} and {@code severity} and the level. Optimised byte parser.
 */
final class Rfc3164Format implements LineFormat {
    private final TimeContext time;

    Rfc3164Format(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "syslog-rfc3164";
    }

    @Override
    public String description() {
        return "BSD syslog (RFC 3164), with or without <PRI>; the year is inferred";
    }

    @Override
    public String sample() {
        return "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int i = start;
        if (i < end && buf[i] == '<') {
            i = Syslog.priority(buf, i, end, out);
            if (i < 0) {
                return false;
            }
        }
        int tsEnd = timestamp(buf, i, end, out);
        if (tsEnd < 0) {
            return false;
        }
        if (tsEnd >= end || buf[tsEnd] != ' ') {
            return out.fail(tsEnd >= end ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int hostEnd = Bytes.tokenEnd(buf, tsEnd + 1, end);
        if (hostEnd == tsEnd + 1) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        out.set(Field.HOST, buf, tsEnd + 1, hostEnd);
        if (hostEnd < end) {
            tagAndMessage(buf, hostEnd + 1, end, out);
        }
        return true;
    }

    private int timestamp(byte[] b, int s, int e, ParsedLine out) {
        boolean iso = s < e && Timestamps.digit(b[s]) >= 0;
        int tsEnd = iso ? Bytes.tokenEnd(b, s, e) : s + 15;
        long ts = iso ? Timestamps.iso(b, s, tsEnd, time, out.dates) : Timestamps.bsd(b, s, e, time, out.dates);
        if (ts == Timestamps.NONE) {
            out.fail(e - s < 15 ? Reasons.TRUNCATED : Reasons.BAD_TIMESTAMP);
            return -1;
        }
        out.timestampMillis(ts);
        return tsEnd;
    }

    private static void tagAndMessage(byte[] b, int s, int e, ParsedLine out) {
        int wordEnd = Bytes.tokenEnd(b, s, e);
        int colon = wordEnd - 1;
        if (wordEnd > s + 1 && b[colon] == ':') {
            int open = Bytes.indexOf(b, s, colon, (byte) '[');
            if (open > s && b[colon - 1] == ']') {
                out.set(Field.APP, b, s, open);
                out.set(Field.PID, b, open + 1, colon - 1);
            } else {
                out.set(Field.APP, b, s, colon);
            }
            int msgStart = wordEnd < e ? wordEnd + 1 : e;
            out.set(Field.MSG, b, msgStart, e);
        } else {
            out.set(Field.MSG, b, s, e);
        }
    }
}
