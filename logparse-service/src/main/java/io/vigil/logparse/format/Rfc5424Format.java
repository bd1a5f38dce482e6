package io.vigil.logparse.format;

/**
 * {@code syslog-rfc5424}: The Syslog Protocol (RFC 5424) messages, one per line.
 * <pre>
 * &lt;165&gt;1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"
 *     eventSource="Application" eventID="1011"] An application event log entry...
 * </pre>
 * Definition (RFC 5424 section 6): {@code "<" PRI ">" VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP
 * MSGID SP STRUCTURED-DATA [SP MSG]}. VERSION is 1 to 3 digits; TIMESTAMP is RFC 3339 or {@code -}; the header
 * fields are runs of non-space bytes, {@code -} (NILVALUE) meaning none. STRUCTURED-DATA is {@code -} or one or
 * more {@code "[" SD-ID *(SP PARAM-NAME "=" DQUOTE PARAM-VALUE DQUOTE) "]"} where names are printable ASCII
 * without {@code = SP ] "} and a value escapes {@code "}, {@code \} and {@code ]} with a backslash (a backslash
 * before anything else is kept). Each parameter becomes the extra {@code SD-ID.PARAM-NAME} with the unescaped value;
 * MSGID the extra {@code msgid}; a UTF-8 BOM at the start of MSG is dropped. Fields: {@code ts}, {@code host},
 * {@code app}, {@code pid}, {@code msg}, level and extras {@code facility}, {@code severity} from PRI. Optimised
 * byte parser; unescaped values and composed names go to the line's scratch buffer.
 */
final class Rfc5424Format implements LineFormat {
    private static final byte[] MSGID = Bytes.ascii("msgid");

    private final TimeContext time;

    Rfc5424Format(TimeContext time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "syslog-rfc5424";
    }

    @Override
    public String description() {
        return "IETF syslog (RFC 5424) with structured data";
    }

    @Override
    public String sample() {
        return "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
               + "eventSource=\"Application\" eventID=\"1011\"] An application event log entry...";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        if (start >= end || buf[start] != '<') {
            return out.fail(start >= end ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int i = Syslog.priority(buf, start, end, out);
        if (i < 0) {
            return false;
        }
        int versionEnd = Bytes.tokenEnd(buf, i, end);
        if (versionEnd - i > 3 || Bytes.parseLong(buf, i, versionEnd) <= 0) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        i = header(buf, versionEnd, end, out);
        if (i < 0) {
            return false;
        }
        i = structuredData(buf, i, end, out);
        if (i < 0) {
            return false;
        }
        return message(buf, i, end, out);
    }

    /** TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID, each after one space; returns the index after MSGID. */
    private int header(byte[] b, int s, int e, ParsedLine out) {
        int i = s;
        for (int field = 0; field < 5; field++) {
            if (i >= e || b[i] != ' ') {
                out.fail(i >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
                return -1;
            }
            int t = Bytes.tokenEnd(b, i + 1, e);
            if (t == i + 1 || !headerField(b, i + 1, t, field, out)) {
                return out.error() == null ? fail(out, Reasons.BAD_SYNTAX) : -1;
            }
            i = t;
        }
        return i;
    }

    private static int fail(ParsedLine out, String reason) {
        out.fail(reason);
        return -1;
    }

    private boolean headerField(byte[] b, int s, int e, int field, ParsedLine out) {
        if (Bytes.isDash(b, s, e)) {
            return true;
        }
        switch (field) {
        case 0 -> {
            long ts = Timestamps.iso(b, s, e, time, out.dates);
            if (ts == Timestamps.NONE) {
                return out.fail(Reasons.BAD_TIMESTAMP);
            }
            out.timestampMillis(ts);
        }
        case 1 -> out.set(Field.HOST, b, s, e);
        case 2 -> out.set(Field.APP, b, s, e);
        case 3 -> out.set(Field.PID, b, s, e);
        default -> out.addExtra(MSGID, b, s, e);
        }
        return true;
    }

    private static int structuredData(byte[] b, int s, int e, ParsedLine out) {
        if (s + 1 >= e || b[s] != ' ') {
            return fail(out, s + 1 >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int i = s + 1;
        if (b[i] == '-') {
            return i + 1;
        }
        if (i >= e || b[i] != '[') {
            return fail(out, Reasons.BAD_SYNTAX);
        }
        while (i < e && b[i] == '[') {
            i = element(b, i + 1, e, out);
            if (i < 0) {
                return -1;
            }
        }
        return i;
    }

    /** One SD-ELEMENT after its {@code [}; returns the index after its {@code ]}. */
    private static int element(byte[] b, int s, int e, ParsedLine out) {
        int idEnd = nameEnd(b, s, e);
        if (idEnd == s) {
            return fail(out, idEnd >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int i = idEnd;
        while (i < e && b[i] == ' ') {
            i = param(b, i + 1, e, s, idEnd, out);
            if (i < 0) {
                return -1;
            }
        }
        if (i >= e || b[i] != ']') {
            return fail(out, i >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        return i + 1;
    }

    /** One {@code PARAM-NAME="PARAM-VALUE"}; returns the index after the closing quote. */
    private static int param(byte[] b, int s, int e, int idStart, int idEnd, ParsedLine out) {
        int nameEnd = nameEnd(b, s, e);
        if (nameEnd == s || nameEnd + 1 >= e || b[nameEnd] != '=' || b[nameEnd + 1] != '"') {
            return fail(out, nameEnd + 1 >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int open = nameEnd + 1;
        int close = Bytes.strictQuotedEnd(b, open, e);
        if (close < 0) {
            return fail(out, Reasons.UNTERMINATED_QUOTE);
        }
        // the extra's name is "SD-ID.PARAM-NAME", composed in the scratch buffer
        int idLength = idEnd - idStart;
        int nameLength = idLength + 1 + nameEnd - s;
        byte[] scratch = out.scratchFor(nameLength + close - open);
        int n = out.scratchUsed();
        System.arraycopy(b, idStart, scratch, n, idLength);
        scratch[n + idLength] = '.';
        System.arraycopy(b, s, scratch, n + idLength + 1, nameEnd - s);
        int v = n + nameLength;
        int vEnd = unescape(b, open + 1, close, scratch, v);
        out.scratchUsed(vEnd);
        out.addExtra(scratch, n, v, scratch, v, vEnd);
        return close + 1;
    }

    /** Copies a PARAM-VALUE, dropping the backslash of {@code \"}, {@code \\} and {@code \]}; returns the end. */
    private static int unescape(byte[] b, int s, int e, byte[] to, int at) {
        int j = at;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < e && (b[i + 1] == '"' || b[i + 1] == '\\' || b[i + 1] == ']')) {
                c = b[++i];
            }
            to[j++] = c;
        }
        return j;
    }

    /** End of an SD-NAME: printable US-ASCII except {@code = SP ] "}. */
    private static int nameEnd(byte[] b, int s, int e) {
        int i = s;
        while (i < e && b[i] > ' ' && b[i] < 127 && b[i] != '=' && b[i] != ']' && b[i] != '"') {
            i++;
        }
        return i;
    }

    private static boolean message(byte[] b, int s, int e, ParsedLine out) {
        if (s == e) {
            return true;
        }
        if (b[s] != ' ') {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        int i = s + 1;
        if (e - i >= 3 && b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBB && b[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        out.set(Field.MSG, b, i, e);
        return true;
    }
}
