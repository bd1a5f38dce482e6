package io.vigil.logparse.format;

/**
 * The Common Log Format prefix shared by {@code common} and {@code combined}:
 * <pre>
 * client SP ident SP user SP "[" dd/MMM/yyyy:HH:mm:ss SP (+|-)hhmm "]" SP DQUOTE request DQUOTE SP status SP size
 * </pre>
 * {@code client}, {@code ident} and {@code user} are runs of non-space bytes, {@code -} meaning none; the request
 * is quoted as described by {@link Bytes#quotedEnd}; {@code status} is three digits; {@code size} is digits or
 * {@code -}. Optimised: one pass over the bytes, delimiters found eight bytes at a time, fixed-width parts checked
 * where they must be, the timestamp parsed once per distinct second (see {@link DateCache#clf}), no allocation.
 */
final class AccessLog {
    static final byte[] IDENT = Bytes.ascii("ident");
    static final byte[] USER = Bytes.ascii("user");
    static final byte[] REQUEST = Bytes.ascii("request");
    private static final long QUOTES = Swar.broadcast('"');
    private static final long BACKSLASHES = Swar.broadcast('\\');
    private static final long SPACES = Swar.broadcast(' ');
    private static final long QUERY_MARKS = Swar.broadcast('?');
    /** Bytes of a CLF timestamp, {@code dd/MMM/yyyy:HH:mm:ss +hhmm}. */
    static final int CLF_WIDTH = 26;

    private AccessLog() {
    }

    /**
     * Parses the CLF prefix into {@code out}.
     *
     * @return index just after the size field, or -1 with the reason set in {@code out}
     */
    static int prefix(byte[] b, int s, int e, ParsedLine out) {
        int i = word(b, s, e, Field.CLIENT, null, out);
        i = i < 0 ? i : word(b, i, e, null, IDENT, out);
        i = i < 0 ? i : word(b, i, e, null, USER, out);
        i = i < 0 ? i : date(b, i, e, out);
        i = i < 0 ? i : request(b, i, e, out);
        return i < 0 ? i : statusAndSize(b, i, e, out);
    }

    /** A space-terminated word into a field or an extra ({@code -} is none); returns the index after the space. */
    private static int word(byte[] b, int s, int e, Field target, byte[] extra, ParsedLine out) {
        if (s + 1 < e && b[s] == '-' && b[s + 1] == ' ') {
            return s + 2;
        }
        int t = Bytes.tokenEnd(b, s, e);
        if (t == e) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        if (t == s) {
            out.fail(Reasons.BAD_SYNTAX);
            return -1;
        }
        if (!Bytes.isDash(b, s, t)) {
            if (target != null) {
                out.set(target, b, s, t);
            } else {
                out.addExtra(extra, b, s, t);
            }
        }
        return t + 1;
    }

    private static int date(byte[] b, int s, int e, ParsedLine out) {
        if (s >= e || b[s] != '[') {
            out.fail(s >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
            return -1;
        }
        // The timestamp has a fixed width: look for the bracket where it must be before searching for it.
        int close = s + CLF_WIDTH + 1 < e && b[s + CLF_WIDTH + 1] == ']' ? s + CLF_WIDTH + 1 : Bytes.indexOf(b, s, e, (byte) ']');
        if (close < 0) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        long ts = out.dates.clf(b, s + 1, close);
        if (ts == Timestamps.NONE) {
            out.fail(Reasons.BAD_TIMESTAMP);
            return -1;
        }
        out.timestampMillis(ts);
        return expectSpace(b, close + 1, e, out);
    }

    private static int request(byte[] b, int s, int e, ParsedLine out) {
        if (s >= e || b[s] != '"') {
            out.fail(s >= e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
            return -1;
        }
        int close = Bytes.quotedEnd(b, s, e);
        if (close < 0) {
            out.fail(Reasons.UNTERMINATED_QUOTE);
            return -1;
        }
        requestLine(b, s + 1, close, out);
        return expectSpace(b, close + 1, e, out);
    }

    /**
     * A request line in {@code [s, e)} (the inside of the quotes) into method, path, query and protocol: the usual
     * line in one scan that also hashes the path, anything else as {@link Bytes#requestLine}.
     */
    static void requestLine(byte[] b, int s, int e, ParsedLine out) {
        if (!plainRequestLine(b, s, e, out)) {
            Bytes.requestLine(b, s, e, out, REQUEST);
        }
    }

    /**
     * The usual request line, {@code METHOD SP path [? query] SP protocol} in {@code [s, e)}, parsed as
     * {@link Bytes#requestLine} would, with the path's {@link KeyHash} computed while the path is scanned for its end.
     * Anything else (no protocol, an empty path, more spaces) sets nothing and returns {@code false}: then
     * {@link Bytes#requestLine} parses the line.
     */
    private static boolean plainRequestLine(byte[] b, int s, int e, ParsedLine out) {
        int m = methodEnd(b, s, e);
        if (m < 0) {
            return false;
        }
        int t = m + 1;
        long state = KeyHash.SEED;
        for (int i = t; i < e && i + Long.BYTES <= b.length; i += Long.BYTES) {
            long word = Swar.word(b, i);
            long found = (Swar.matches(word, SPACES) | Swar.matches(word, QUERY_MARKS)) & Swar.lowBytes(e - i);
            if (found != 0) {
                int p = Swar.firstMatch(i, found);
                int hash = KeyHash.finish(state, word & Swar.lowBytes(p - i), p - t);
                return p > t && queryAndProtocol(b, s, m, p, e, hash, out);
            }
            state = KeyHash.step(state, word);
        }
        return false;
    }

    /** The space after an upper-case method at {@code s}, or -1. */
    private static int methodEnd(byte[] b, int s, int e) {
        int m = s;
        while (m < e && b[m] >= 'A' && b[m] <= 'Z') {
            m++;
        }
        return m == s || m >= e || b[m] != ' ' ? -1 : m;
    }

    /** The rest of a plain request line whose path is {@code [m + 1, p)}: sets every part, or nothing and false. */
    private static boolean queryAndProtocol(byte[] b, int s, int m, int p, int e, int pathHash, ParsedLine out) {
        int sp = b[p] == ' ' ? p : Swar.indexOf(b, p + 1, e, (byte) ' ');
        if (sp < 0 || sp + 1 == e || Swar.indexOf(b, sp + 1, e, (byte) ' ') >= 0) {
            return false;
        }
        out.set(Field.METHOD, b, s, m);
        out.setHashed(Field.PATH, b, m + 1, p, pathHash);
        out.set(Field.QUERY, b, p + 1, sp);
        out.set(Field.PROTOCOL, b, sp + 1, e);
        return true;
    }

    private static int statusAndSize(byte[] b, int s, int e, ParsedLine out) {
        int t = s + 3 < e && b[s + 3] == ' ' ? s + 3 : Bytes.tokenEnd(b, s, e);
        if (t == e) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        int status = t - s == 3 ? Timestamps.digits(b, s, 3) : -1;
        if (status < 0) {
            out.fail(Reasons.BAD_NUMBER);
            return -1;
        }
        out.status(status);
        int sizeEnd = Bytes.tokenEnd(b, t + 1, e);
        if (!Bytes.isDash(b, t + 1, sizeEnd)) {
            long size = Bytes.parseLong(b, t + 1, sizeEnd);
            if (size < 0) {
                out.fail(size == Bytes.OVERFLOW ? Reasons.NUMBER_OUT_OF_RANGE : Reasons.BAD_NUMBER);
                return -1;
            }
            out.bytes(size);
        }
        return sizeEnd;
    }

    /**
     * A double-quoted field as {@link Bytes#quotedEnd} delimits it, into {@code field} unless empty or {@code -}.
     * The common case (no backslash, no quote inside) is scanned a word at a time, each word also added to the
     * value's {@link KeyHash}, so the counters need not read the value again; anything else is left to
     * {@link Bytes#quotedEnd}.
     *
     * @return index of the closing quote, or -1 when unterminated
     */
    static int quoted(byte[] b, int open, int e, Field field, ParsedLine out) {
        int s = open + 1;
        long state = KeyHash.SEED;
        for (int i = s; i < e && i + Long.BYTES <= b.length; i += Long.BYTES) {
            long word = Swar.word(b, i);
            long found = (Swar.matches(word, QUOTES) | Swar.matches(word, BACKSLASHES)) & Swar.lowBytes(e - i);
            if (found != 0) {
                int p = Swar.firstMatch(i, found);
                return closes(b, p, e)
                        ? value(b, s, p, field, out, KeyHash.finish(state, word & Swar.lowBytes(p - i), p - s) & 0xFFFF_FFFFL)
                        : value(b, s, Bytes.quotedEnd(b, open, e), field, out, -1);
            }
            state = KeyHash.step(state, word);
        }
        return value(b, s, Bytes.quotedEnd(b, open, e), field, out, -1);
    }

    /** Sets a quoted value ending at {@code close} unless empty, {@code -} or unterminated; returns {@code close}. */
    private static int value(byte[] b, int s, int close, Field field, ParsedLine out, long hash) {
        if (close > s && !Bytes.isDash(b, s, close)) {
            if (hash >= 0) {
                out.setHashed(field, b, s, close, (int) hash);
            } else {
                out.set(field, b, s, close);
            }
        }
        return close;
    }

    /** Whether the quote or backslash at {@code p} is a closing quote: a quote followed by a space or the end. */
    private static boolean closes(byte[] b, int p, int e) {
        return b[p] == '"' && (p + 1 == e || b[p + 1] == ' ');
    }

    private static int expectSpace(byte[] b, int i, int e, ParsedLine out) {
        if (i >= e) {
            out.fail(Reasons.TRUNCATED);
            return -1;
        }
        if (b[i] != ' ') {
            out.fail(Reasons.BAD_SYNTAX);
            return -1;
        }
        return i + 1;
    }
}
