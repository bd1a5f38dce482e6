package io.vigil.logparse.format;

/**
 * {@code logfmt}: space-separated {@code key=value} pairs, as written by Heroku's router, logrus, go-kit and
 * many Go programs.
 * <pre>
 * at=info method=GET path=/ host=mutelight.org fwd="124.133.52.161" dyno=web.2 connect=4ms service=8ms status=200 bytes=1653
 * </pre>
 * Definition: {@code *SP pair *(1*SP (pair | key)) *SP} where {@code pair = key "=" [value]}, {@code key} is one
 * or more bytes above space other than {@code =} and {@code "}, and {@code value} is either a run of bytes above
 * space not starting with {@code "}, or a double-quoted string in which a backslash escapes the next byte
 * ({@code \n \t \r} are line feed, tab, carriage return, {@code \" \\} the character, anything else is kept with
 * its backslash); a closing quote must be followed by a space or the end. The line must start with a pair (bare
 * keys are allowed only after one, so that prose is not taken for logfmt). Keys map to fields as
 * {@link FieldMapper} says; bare keys are extras with an empty value. Optimised byte parser; unescaped values go
 * to the line's scratch buffer.
 */
final class LogfmtFormat implements LineFormat {
    private final FieldMapper fields;

    LogfmtFormat(TimeContext time) {
        this.fields = new FieldMapper(time);
    }

    @Override
    public String name() {
        return "logfmt";
    }

    @Override
    public String description() {
        return "logfmt key=value pairs (Heroku, logrus, go-kit), with quoted values";
    }

    @Override
    public String sample() {
        return "at=info method=GET path=/ host=mutelight.org fwd=\"124.133.52.161\" dyno=web.2 connect=4ms service=8ms "
               + "status=200 bytes=1653";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int i = Bytes.skipSpaces(buf, start, end);
        boolean first = true;
        while (i < end) {
            i = pair(buf, i, end, first, out);
            if (i < 0) {
                return false;
            }
            first = false;
            i = Bytes.skipSpaces(buf, i, end);
        }
        return !first || out.fail(Reasons.BAD_LOGFMT);
    }

    /** One pair or bare key at {@code s}; returns the index after it (at a space or the end) or -1. */
    private int pair(byte[] b, int s, int e, boolean first, ParsedLine out) {
        int k = keyEnd(b, s, e);
        boolean hasValue = k < e && b[k] == '=';
        if (k == s || !hasValue && (first || k < e && b[k] != ' ')) {
            out.fail(Reasons.BAD_LOGFMT);
            return -1;
        }
        if (!hasValue) {
            out.addExtra(b, s, k, b, k, k);
            return k;
        }
        return value(b, s, k, e, out);
    }

    /** The value after {@code key=}; returns the index after it, or -1. */
    private int value(byte[] b, int s, int k, int e, ParsedLine out) {
        int v = k + 1;
        if (v < e && b[v] == '"') {
            return quoted(b, s, k, v, e, out);
        }
        int valueEnd = Bytes.tokenEnd(b, v, e);
        fields.map(b, s, k, b, v, valueEnd, out);
        return valueEnd;
    }

    private static int keyEnd(byte[] b, int s, int e) {
        int k = s;
        while (k < e && (b[k] & 0xFF) > ' ' && b[k] != '=' && b[k] != '"') {
            k++;
        }
        return k;
    }

    private int quoted(byte[] b, int ks, int ke, int open, int e, ParsedLine out) {
        // Most values have no escapes: then the first quote or backslash is the closing quote.
        int first = Swar.quoteOrBackslash(b, open + 1, e);
        boolean escaped = first >= 0 && b[first] == '\\';
        int close = escaped ? Bytes.strictQuotedEnd(b, open, e) : first;
        if (close < 0) {
            out.fail(Reasons.UNTERMINATED_QUOTE);
            return -1;
        }
        if (close + 1 < e && b[close + 1] != ' ') {
            out.fail(Reasons.BAD_SYNTAX);
            return -1;
        }
        if (!escaped) {
            fields.map(b, ks, ke, b, open + 1, close, out);
        } else {
            byte[] scratch = out.scratchFor(close - open);
            int from = out.scratchUsed();
            int to = unescape(b, open + 1, close, scratch, from);
            out.scratchUsed(to);
            fields.map(b, ks, ke, scratch, from, to, out);
        }
        return close + 1;
    }

    private static int unescape(byte[] b, int s, int e, byte[] to, int at) {
        int j = at;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < e) {
                byte next = b[i + 1];
                byte value = escaped(next);
                if (value != 0) {
                    c = value;
                    i++;
                }
            }
            to[j++] = c;
        }
        return j;
    }

    /** The byte an escape stands for, or 0 when the backslash is kept. */
    private static byte escaped(byte next) {
        return switch (next) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '"', '\\' -> next;
            default -> 0;
        };
    }
}
