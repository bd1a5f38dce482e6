package io.vigil.logparse.format;

/**
 * {@code syslog-rfc5424}: The Syslog Protocol (RFC 5424) messages, one per line, read leniently the way Vector's
 * {@code parse_syslog} (the {@code syslog_loose} crate) reads what senders really write.
 * <pre>
 * &lt;165&gt;1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"
 *     eventSource="Application" eventID="1011"] An application event log entry...
 * </pre>
 * Definition (RFC 5424 section 6): {@code "<" PRI ">" VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP
 * MSGID SP STRUCTURED-DATA [SP MSG]}; each parameter of the structured data becomes the extra
 * {@code SD-ID.PARAM-NAME}, MSGID the extra {@code msgid}; fields {@code ts}, {@code host}, {@code app}, {@code pid},
 * {@code msg}, level and extras {@code facility}, {@code severity} from PRI. {@code -} (NILVALUE) is no value.
 *
 * <p>What is read beyond the letter of the RFC (as {@code syslog_loose} does, unless said otherwise):
 * <ul>
 * <li>VERSION is 0 to 3 digits, any value, or none ({@code <14> 2024-...});</li>
 * <li>header fields are separated by one or more spaces; TIMESTAMP is {@code -} or RFC 3339 with or without a
 *     fraction and with or without an offset (without one, in the zone of the analysis);</li>
 * <li>STRUCTURED-DATA may be missing (the text after MSGID is the message), and any spaces may follow it or
 *     {@code -} before MSG; a UTF-8 BOM at the start of MSG is dropped;</li>
 * <li>inside an element: the SD-ID runs up to the last space before the first {@code PARAM-NAME=}, so it may hold
 *     spaces; a space may follow {@code =}; a quoted value ends at the first unescaped {@code "} followed by
 *     {@code ]}, or by spaces and {@code ]} or another {@code PARAM-NAME=}, so an unescaped {@code "} or {@code ]}
 *     elsewhere is part of the value (a backslash escapes any byte; {@code "}, {@code \} and {@code \]} lose
 *     their backslash, as RFC 5424 says); a value without quotes runs to the next space or {@code ]} (where
 *     {@code syslog_loose} drops the element);</li>
 * <li>an element that cannot be read still parses: it is skipped up to its first {@code ]} with none of its
 *     parameters; without any {@code ]} the message starts at its {@code [}.</li>
 * </ul>
 * A line without {@code <PRI>}, a version, an RFC 3339 or nil TIMESTAMP and the five header fields is not this
 * format: it is malformed. Optimised byte parser; unescaped values and composed names go to the line's scratch
 * buffer.
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
        if (versionEnd - i > 3 || !digits(buf, i, versionEnd)) {
            return out.fail(Reasons.BAD_SYNTAX);
        }
        i = header(buf, versionEnd, end, out);
        if (i < 0) {
            return false;
        }
        i = structuredData(buf, i, end, out);
        message(buf, i, end, out);
        return true;
    }

    private static boolean digits(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID, each after spaces; returns the index after MSGID. */
    private int header(byte[] b, int s, int e, ParsedLine out) {
        int i = s;
        for (int field = 0; field < 5; field++) {
            if (i < e && b[i] != ' ') {
                return fail(out, Reasons.BAD_SYNTAX);
            }
            i = Bytes.skipSpaces(b, i, e);
            if (i >= e) {
                return fail(out, Reasons.TRUNCATED);
            }
            int t = Bytes.tokenEnd(b, i, e);
            if (!headerField(b, i, t, field, out)) {
                return -1;
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

    /** STRUCTURED-DATA after MSGID's spaces, if any; returns where the message may start. */
    private static int structuredData(byte[] b, int s, int e, ParsedLine out) {
        int i = Bytes.skipSpaces(b, s, e);
        if (i < e && b[i] == '-' && (i + 1 == e || b[i + 1] == ' ')) {
            return i + 1;
        }
        while (i < e && b[i] == '[') {
            int next = element(b, i, e, out);
            if (next < 0) {
                return i;
            }
            i = next;
        }
        return i;
    }

    /**
     * One SD-ELEMENT at its {@code [}: its parameters, or none when it cannot be read; returns the index after the
     * {@code ]} that ends it, or -1 when no {@code ]} follows.
     */
    private static int element(byte[] b, int open, int e, ParsedLine out) {
        int extras = out.extraCount();
        int scratch = out.scratchUsed();
        int end = readElement(b, open + 1, e, out);
        if (end >= 0) {
            return end;
        }
        out.truncateExtras(extras);
        out.scratchUsed(scratch);
        int close = Bytes.indexOf(b, open + 1, e, (byte) ']');
        return close < 0 ? -1 : close + 1;
    }

    /** The SD-ID and parameters after {@code [}; returns the index after {@code ]}, or -1 when unreadable. */
    private static int readElement(byte[] b, int s, int e, ParsedLine out) {
        int q = s;
        while (q < e && b[q] != '=' && b[q] != ']') {
            q++;
        }
        if (q == e) {
            return -1;
        }
        if (b[q] == ']') {
            return trimEnd(b, s, q) == s ? -1 : q + 1;
        }
        // the first PARAM-NAME is the word before the first '='; the SD-ID is what comes before it
        int name = firstName(b, s, q);
        int idEnd = name == s ? s : trimEnd(b, s, name);
        return idEnd == s ? -1 : readParams(b, s, idEnd, name, e, out);
    }

    /** Start of the word before the {@code =} at {@code q}, after a space; {@code s} when there is no such word. */
    private static int firstName(byte[] b, int s, int q) {
        int name = q;
        while (name > s && b[name - 1] != ' ') {
            name--;
        }
        return name == q ? s : name;
    }

    /** PARAM-NAME=PARAM-VALUE pairs from {@code p} up to {@code ]}; returns the index after it, or -1. */
    private static int readParams(byte[] b, int idStart, int idEnd, int from, int e, ParsedLine out) {
        int p = from;
        while (true) {
            int nameEnd = nameEnd(b, p, e);
            if (nameEnd == p || nameEnd == e || b[nameEnd] != '=') {
                return -1;
            }
            int after = readValue(b, idStart, idEnd, p, nameEnd, e, out);
            if (after < 0) {
                return -1;
            }
            p = Bytes.skipSpaces(b, after, e);
            if (p == e) {
                return -1;
            }
            if (b[p] == ']') {
                return p + 1;
            }
        }
    }

    /**
     * The value after {@code PARAM-NAME=} and any spaces, added as the extra {@code SD-ID.PARAM-NAME} (the name
     * composed in the scratch buffer); returns the index after the value, or -1 when there is none.
     */
    private static int readValue(byte[] b, int idStart, int idEnd, int nameStart, int nameEnd, int e, ParsedLine out) {
        int v = Bytes.skipSpaces(b, nameEnd + 1, e);
        boolean quoted = v < e && b[v] == '"';
        int valueStart = quoted ? v + 1 : v;
        int valueEnd = quoted ? closingQuote(b, valueStart, e) : unquotedEnd(b, v, e);
        if (valueEnd < 0) {
            return -1;
        }
        int idLength = idEnd - idStart;
        int nameLength = idLength + 1 + nameEnd - nameStart;
        byte[] scratch = out.scratchFor(nameLength + valueEnd - valueStart);
        int n = out.scratchUsed();
        System.arraycopy(b, idStart, scratch, n, idLength);
        scratch[n + idLength] = '.';
        System.arraycopy(b, nameStart, scratch, n + idLength + 1, nameEnd - nameStart);
        int at = n + nameLength;
        if (!quoted) {
            out.scratchUsed(at);
            out.addExtra(scratch, n, at, b, valueStart, valueEnd);
            return valueEnd;
        }
        int end = unescape(b, valueStart, valueEnd, scratch, at);
        out.scratchUsed(end);
        out.addExtra(scratch, n, at, scratch, at, end);
        return valueEnd + 1;
    }

    /** End of a value without quotes: the next space or {@code ]}; -1 when empty. */
    private static int unquotedEnd(byte[] b, int s, int e) {
        int i = s;
        while (i < e && b[i] != ' ' && b[i] != ']') {
            i++;
        }
        return i == s ? -1 : i;
    }

    private static int trimEnd(byte[] b, int s, int e) {
        int i = e;
        while (i > s && b[i - 1] == ' ') {
            i--;
        }
        return i;
    }

    /** End of a PARAM-NAME: any bytes but space, {@code =} and {@code ]}. */
    private static int nameEnd(byte[] b, int s, int e) {
        int i = s;
        while (i < e && b[i] != ' ' && b[i] != '=' && b[i] != ']') {
            i++;
        }
        return i;
    }

    /** The {@code "} that ends a quoted value starting at {@code s}, or -1. */
    private static int closingQuote(byte[] b, int s, int e) {
        int i = s < e ? Swar.quoteOrBackslash(b, s, e) : -1;
        while (i >= 0) {
            if (b[i] == '\\') {
                i = i + 2 < e ? Swar.quoteOrBackslash(b, i + 2, e) : -1;
            } else if (closes(b, i + 1, e)) {
                return i;
            } else {
                i = i + 1 < e ? Swar.quoteOrBackslash(b, i + 1, e) : -1;
            }
        }
        return -1;
    }

    /** Whether a {@code "} before {@code k} ends its value: {@code ]}, or spaces then {@code ]} or a name and {@code =}. */
    private static boolean closes(byte[] b, int k, int e) {
        if (k < e && b[k] == ']') {
            return true;
        }
        int j = Bytes.skipSpaces(b, k, e);
        if (j == k || j == e) {
            return false;
        }
        if (b[j] == ']') {
            return true;
        }
        int n = nameEnd(b, j, e);
        return n > j && n < e && b[n] == '=';
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

    /** MSG after any spaces, without a leading UTF-8 BOM; none when empty. */
    private static void message(byte[] b, int s, int e, ParsedLine out) {
        int i = Bytes.skipSpaces(b, s, e);
        if (e - i >= 3 && b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBB && b[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        out.set(Field.MSG, b, i, e);
    }
}
