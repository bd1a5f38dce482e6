package io.vigil.logparse.format;

/**
 * {@code json}: JSON lines, one object per line, with the field names of the common JSON loggers mapped to the
 * normalised fields by {@link FieldMapper}: ECS ({@code @timestamp}, {@code log.level}, {@code message}), logstash
 * ({@code @timestamp}, {@code level}, {@code message}), Docker's json-file ({@code log}, {@code time},
 * {@code stream}), structlog ({@code event}, {@code timestamp}, {@code level}), bunyan and pino (numeric
 * {@code level}, {@code time} as epoch millis or ISO, {@code msg}, {@code hostname}, {@code pid}, {@code name}).
 * <pre>
 * {"level":30,"time":1531171074631,"pid":657,"hostname":"box","msg":"hello world"}
 * </pre>
 * Definition: one JSON object (RFC 8259) filling the line, with whitespace around it allowed. Members of nested
 * objects are flattened to dotted names ({@code {"log":{"level":"info"}}} gives {@code log.level}) down to depth
 * {@value #MAX_DEPTH}; deeper objects and arrays are kept as their raw JSON text; {@code null} members are
 * dropped; strings are unescaped ({@code \\uXXXX} to UTF-8, a lone surrogate to U+FFFD). Numbers, {@code true}
 * and {@code false} are kept as written. A syntax error makes the line malformed. Optimised: a hand-written
 * byte scanner; unescaped strings and dotted names go to the line's scratch buffer.
 */
final class JsonFormat implements LineFormat {
    /** Deepest object level whose members are flattened. */
    static final int MAX_DEPTH = 4;

    private static final int UNTERMINATED = -1;
    private static final int INVALID = -2;
    private static final int ESCAPED = -3;
    private static final byte[] NULL = Bytes.ascii("null");
    private static final byte[] TRUE = Bytes.ascii("true");
    private static final byte[] FALSE = Bytes.ascii("false");
    private static final byte[][] WORDS = {TRUE, FALSE, NULL};

    private final FieldMapper fields;

    JsonFormat(TimeContext time) {
        this.fields = new FieldMapper(time);
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String description() {
        return "JSON lines (ECS, logstash, Docker, structlog, bunyan/pino field names)";
    }

    @Override
    public String sample() {
        return "{\"level\":30,\"time\":1531171074631,\"pid\":657,\"hostname\":\"box\",\"msg\":\"hello world\"}";
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        int i = ws(buf, start, end);
        if (i >= end || buf[i] != '{') {
            return out.fail(i >= end ? Reasons.TRUNCATED : Reasons.BAD_JSON);
        }
        i = object(buf, i, end, out, buf, 0L, 1);
        if (i < 0) {
            return false;
        }
        return ws(buf, i, end) == end || out.fail(Reasons.BAD_JSON);
    }

    private static int ws(byte[] b, int i, int e) {
        int k = i;
        while (k < e && (b[k] == ' ' || b[k] == '\t' || b[k] == '\r' || b[k] == '\n')) {
            k++;
        }
        return k;
    }

    private static int fail(ParsedLine out, int code) {
        out.fail(code == UNTERMINATED ? Reasons.UNTERMINATED_QUOTE : Reasons.BAD_JSON);
        return -1;
    }

    /** A name {@code [start, end)} packed into a long, so that it passes without allocation. */
    private static long pack(int start, int end) {
        return (long) start << 32 | end;
    }

    private static int start(long name) {
        return (int) (name >>> 32);
    }

    private static int end(long name) {
        return (int) name;
    }

    /**
     * An object at {@code b[s] == '{'} whose members are named with the prefix {@code prefix} of {@code pb};
     * returns the index after its closing brace, or -1.
     */
    private int object(byte[] b, int s, int e, ParsedLine out, byte[] pb, long prefix, int depth) {
        int i = ws(b, s + 1, e);
        if (i < e && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            i = member(b, i, e, out, pb, prefix, depth);
            if (i < 0) {
                return -1;
            }
            i = ws(b, i, e);
            if (i >= e || b[i] != ',' && b[i] != '}') {
                return fail(out, INVALID);
            }
            if (b[i] == '}') {
                return i + 1;
            }
            i = ws(b, i + 1, e);
        }
    }

    /** {@code string ":" value} at {@code i}; returns the index after the value, or -1. */
    private int member(byte[] b, int i, int e, ParsedLine out, byte[] pb, long prefix, int depth) {
        if (i >= e || b[i] != '"') {
            return fail(out, INVALID);
        }
        int keyClose = plainStringEnd(b, i, e);
        boolean escaped = keyClose == ESCAPED;
        keyClose = escaped ? stringEnd(b, i, e) : keyClose;
        if (keyClose < 0) {
            return fail(out, keyClose);
        }
        int colon = ws(b, keyClose + 1, e);
        if (colon >= e || b[colon] != ':') {
            return fail(out, INVALID);
        }
        int v = ws(b, colon + 1, e);
        if (v >= e) {
            return fail(out, INVALID);
        }
        if (start(prefix) == end(prefix) && !escaped) {
            return value(b, v, e, out, b, pack(i + 1, keyClose), depth);
        }
        long name = composeName(b, i + 1, keyClose, out, pb, prefix);
        return value(b, v, e, out, out.scratch(), name, depth);
    }

    /** Writes {@code prefix "." unescaped-key} (or just the key) into the scratch buffer. */
    private static long composeName(byte[] b, int ks, int ke, ParsedLine out, byte[] pb, long prefix) {
        int prefixLength = end(prefix) - start(prefix);
        byte[] scratch = out.scratchFor(prefixLength + 1 + ke - ks);
        int n = out.scratchUsed();
        int j = n;
        if (prefixLength > 0) {
            System.arraycopy(pb, start(prefix), scratch, j, prefixLength);
            j += prefixLength;
            scratch[j++] = '.';
        }
        j = unescape(b, ks, ke, scratch, j);
        out.scratchUsed(j);
        return pack(n, j);
    }

    private int value(byte[] b, int v, int e, ParsedLine out, byte[] nb, long name, int depth) {
        byte c = b[v];
        if (c == '{' && depth < MAX_DEPTH) {
            return object(b, v, e, out, nb, name, depth + 1);
        }
        if (c == '"') {
            return string(b, v, e, out, nb, name);
        }
        int valueEnd = c == '{' || c == '[' ? skipNested(b, v, e) : literalEnd(b, v, e);
        if (valueEnd < 0) {
            return fail(out, valueEnd);
        }
        if (!Bytes.equals(b, v, valueEnd, NULL)) {
            fields.map(nb, start(name), end(name), b, v, valueEnd, out);
        }
        return valueEnd;
    }

    private int string(byte[] b, int open, int e, ParsedLine out, byte[] nb, long name) {
        int close = plainStringEnd(b, open, e);
        boolean escaped = close == ESCAPED;
        close = escaped ? stringEnd(b, open, e) : close;
        if (close < 0) {
            return fail(out, close);
        }
        if (!escaped) {
            fields.map(nb, start(name), end(name), b, open + 1, close, out);
        } else {
            byte[] scratch = out.scratchFor(close - open);
            int from = out.scratchUsed();
            int to = unescape(b, open + 1, close, scratch, from);
            out.scratchUsed(to);
            fields.map(nb, start(name), end(name), scratch, from, to, out);
        }
        return close + 1;
    }

    /**
     * The common case, found eight bytes at a time: the index of the closing quote of a string without escapes;
     * {@link #ESCAPED} when a backslash comes first (then {@link #stringEnd} validates), or {@link #UNTERMINATED}.
     */
    private static int plainStringEnd(byte[] b, int open, int e) {
        int i = Swar.quoteOrBackslash(b, open + 1, e);
        return i < 0 ? UNTERMINATED : b[i] == '"' ? i : ESCAPED;
    }

    /** Index of the closing quote of the string opened at {@code open}, or {@link #UNTERMINATED}/{@link #INVALID}. */
    static int stringEnd(byte[] b, int open, int e) {
        for (int i = open + 1; i < e; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                int length = escapeLength(b, i + 1, e);
                if (length < 0) {
                    return length;
                }
                i += length;
            }
        }
        return UNTERMINATED;
    }

    /** Bytes after the backslash that belong to the escape at {@code i}, or {@link #UNTERMINATED}/{@link #INVALID}. */
    private static int escapeLength(byte[] b, int i, int e) {
        if (i >= e) {
            return UNTERMINATED;
        }
        return switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> 1;
            case 'u' -> i + 5 <= e && hex4(b, i + 1) >= 0 ? 5 : INVALID;
            default -> INVALID;
        };
    }

    private static int hex4(byte[] b, int i) {
        int v = 0;
        for (int k = i; k < i + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** End of a number, {@code true} or {@code false} at {@code v}, or {@link #INVALID}. */
    private static int literalEnd(byte[] b, int v, int e) {
        for (byte[] word : WORDS) {
            if (Bytes.regionMatches(b, v, e, word)) {
                return v + word.length;
            }
        }
        int i = v;
        boolean digits = false;
        while (i < e && (Timestamps.digit(b[i]) >= 0 || b[i] == '-' || b[i] == '+' || b[i] == '.' || (b[i] | 0x20) == 'e')) {
            digits |= Timestamps.digit(b[i]) >= 0;
            i++;
        }
        return digits ? i : INVALID;
    }

    /** End of an object or array at {@code v}, checking only that brackets balance outside strings. */
    private static int skipNested(byte[] b, int v, int e) {
        int depth = 0;
        for (int i = v; i < e; i++) {
            byte c = b[i];
            if (c == '"') {
                i = stringEnd(b, i, e);
                if (i < 0) {
                    return i;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return INVALID;
    }

    /** Copies a JSON string body, resolving escapes; returns the end in {@code to}. */
    private static int unescape(byte[] b, int s, int e, byte[] to, int at) {
        int j = at;
        int i = s;
        while (i < e) {
            byte c = b[i];
            if (c != '\\') {
                to[j++] = c;
                i++;
            } else if (b[i + 1] == 'u') {
                boolean pair = surrogatePairAt(b, i, e);
                int cp = pair ? Character.toCodePoint((char) hex4(b, i + 2), (char) hex4(b, i + 8)) : hex4(b, i + 2);
                j = utf8(cp, to, j);
                i += pair ? 12 : 6;
            } else {
                to[j++] = simpleEscape(b[i + 1]);
                i += 2;
            }
        }
        return j;
    }

    private static boolean surrogatePairAt(byte[] b, int i, int e) {
        return Character.isHighSurrogate((char) hex4(b, i + 2)) && i + 12 <= e && b[i + 6] == '\\' && b[i + 7] == 'u'
               && hex4(b, i + 8) >= 0 && Character.isLowSurrogate((char) hex4(b, i + 8));
    }

    private static byte simpleEscape(byte c) {
        return switch (c) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> c;
        };
    }

    /** Writes a code point as UTF-8 (a lone surrogate as U+FFFD); returns the end. */
    private static int utf8(int codePoint, byte[] to, int at) {
        int cp = Character.isSurrogate((char) codePoint) && codePoint < 0x10000 ? 0xFFFD : codePoint;
        int j = at;
        if (cp < 0x80) {
            to[j++] = (byte) cp;
        } else if (cp < 0x800) {
            to[j++] = (byte) (0xC0 | cp >> 6);
            to[j++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            to[j++] = (byte) (0xE0 | cp >> 12);
            to[j++] = (byte) (0x80 | cp >> 6 & 0x3F);
            to[j++] = (byte) (0x80 | cp & 0x3F);
        } else {
            to[j++] = (byte) (0xF0 | cp >> 18);
            to[j++] = (byte) (0x80 | cp >> 12 & 0x3F);
            to[j++] = (byte) (0x80 | cp >> 6 & 0x3F);
            to[j++] = (byte) (0x80 | cp & 0x3F);
        }
        return j;
    }
}
