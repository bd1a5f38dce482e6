package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;

/**
 * Byte-scanning helpers shared by the formats. Indexes are absolute; "not found" is -1. Optimised: searches and
 * short numbers go eight bytes at a time ({@link Swar}), no allocation.
 */
final class Bytes {
    /** Returned by the number parsers for anything that is not a number in range. */
    static final long BAD = -1;
    /** Returned by the number parsers for a number too large for its type. */
    static final long OVERFLOW = -2;

    private Bytes() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static int indexOf(byte[] b, int from, int end, byte c) {
        return Swar.indexOf(b, from, end, c);
    }

    /** Index of the first space at or after {@code from}, or {@code end}. */
    static int tokenEnd(byte[] b, int from, int end) {
        return Swar.spaceOrEnd(b, from, end);
    }

    static int skipSpaces(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] == ' ') {
            i++;
        }
        return i;
    }

    /** Index of the first occurrence of {@code needle} in {@code [from, end)}, or -1. */
    static int indexOf(byte[] b, int from, int end, byte[] needle) {
        int last = end - needle.length;
        for (int i = from; i <= last; i++) {
            if (b[i] == needle[0] && regionMatches(b, i, end, needle)) {
                return i;
            }
        }
        return -1;
    }

    static boolean regionMatches(byte[] b, int at, int end, byte[] expected) {
        if (at < 0 || end - at < expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (b[at + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code [s, e)} holds exactly {@code expected}. */
    static boolean equals(byte[] b, int s, int e, byte[] expected) {
        return e - s == expected.length && regionMatches(b, s, e, expected);
    }

    /** Case-insensitive (ASCII) comparison of {@code [s, e)} with a lower-case constant. */
    static boolean equalsIgnoreCase(byte[] b, int s, int e, byte[] lower) {
        if (e - s != lower.length) {
            return false;
        }
        for (int k = 0; k < lower.length; k++) {
            int c = b[s + k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code [s, e)} is exactly one {@code -} (the "no value" of CLF, RFC 5424 and friends). */
    static boolean isDash(byte[] b, int s, int e) {
        return e - s == 1 && b[s] == '-';
    }

    /**
     * A non-negative decimal integer filling {@code [s, e)}: its value, {@link #BAD} when empty or not all digits,
     * {@link #OVERFLOW} when above {@link Long#MAX_VALUE}.
     */
    static long parseLong(byte[] b, int s, int e) {
        int length = e - s;
        if (length <= 0) {
            return BAD;
        }
        if (length <= Long.BYTES && s + Long.BYTES <= b.length) {
            long word = Swar.word(b, s);
            return Swar.leadingDigits(word) >= length ? Swar.digitsValue(word, length) : BAD;
        }
        long v = 0;
        boolean overflow = false;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return BAD;
            }
            overflow |= v > (Long.MAX_VALUE - d) / 10;
            v = v * 10 + d;
        }
        return overflow ? OVERFLOW : v;
    }

    /**
     * Non-negative decimal seconds filling {@code [s, e)} ({@code 0.123}, {@code 2}) as microseconds (digits past
     * the sixth decimal are truncated): {@link #BAD} or {@link #OVERFLOW} as for {@link #parseLong}.
     */
    static long secondsAsMicros(byte[] b, int s, int e) {
        int dot = indexOf(b, s, e, (byte) '.');
        int intEnd = dot < 0 ? e : dot;
        long seconds = parseLong(b, s, intEnd);
        if (seconds < 0) {
            return seconds;
        }
        long fraction = 0;
        if (dot >= 0) {
            int fractionEnd = Timestamps.digitsEnd(b, dot + 1, e);
            if (fractionEnd != e || fractionEnd == dot + 1) {
                return BAD;
            }
            fraction = Timestamps.fractionMicros(b, dot + 1, e);
        }
        if (seconds > (Long.MAX_VALUE - fraction) / 1_000_000L) {
            return OVERFLOW;
        }
        return seconds * 1_000_000L + fraction;
    }

    /**
     * End of a double-quoted field whose opening quote is at {@code open}: the index of the closing quote, or -1
     * when unterminated. A backslash escapes the next byte (Apache writes {@code \"}); a quote that is not
     * followed by a space or the end of the line is part of the value (loggers that do not escape).
     */
    static int quotedEnd(byte[] b, int open, int end) {
        int i = Swar.quoteOrBackslash(b, open + 1, end);
        while (i >= 0) {
            if (b[i] == '\\') {
                i = i + 2 < end ? Swar.quoteOrBackslash(b, i + 2, end) : -1;
            } else if (i + 1 == end || b[i + 1] == ' ') {
                return i;
            } else {
                i = Swar.quoteOrBackslash(b, i + 1, end);
            }
        }
        return -1;
    }

    /**
     * End of a double-quoted string whose opening quote is at {@code open} where a backslash escapes the next
     * byte and the first unescaped quote closes: the index of the closing quote, or -1 when unterminated.
     */
    static int strictQuotedEnd(byte[] b, int open, int end) {
        int i = Swar.quoteOrBackslash(b, open + 1, end);
        while (i >= 0 && b[i] == '\\') {
            i = i + 2 < end ? Swar.quoteOrBackslash(b, i + 2, end) : -1;
        }
        return i;
    }

    /** Splits a request target into path and query on the first {@code ?}. */
    static void target(byte[] b, int s, int e, ParsedLine out) {
        int q = indexOf(b, s, e, (byte) '?');
        if (q < 0) {
            out.set(Field.PATH, b, s, e);
        } else {
            out.set(Field.PATH, b, s, q);
            out.set(Field.QUERY, b, q + 1, e);
        }
    }

    /**
     * An HTTP request line {@code METHOD SP target SP protocol} (or {@code METHOD SP target}, HTTP/0.9) into
     * method, path, query and protocol; {@code -} is no request; anything else (a TLS handshake sent to a plain
     * port) is kept whole as the extra {@code request}.
     */
    static void requestLine(byte[] b, int s, int e, ParsedLine out, byte[] requestName) {
        int sp = indexOf(b, s, e, (byte) ' ');
        if (sp < 0 || !isToken(b, s, sp) || !targetAndProtocol(b, sp + 1, e, out)) {
            if (e > s && !isDash(b, s, e)) {
                out.addExtra(requestName, b, s, e);
            }
            return;
        }
        out.set(Field.METHOD, b, s, sp);
    }

    private static boolean targetAndProtocol(byte[] b, int s, int e, ParsedLine out) {
        int sp = indexOf(b, s, e, (byte) ' ');
        int targetEnd = sp < 0 ? e : sp;
        if (targetEnd == s || sp >= 0 && (sp + 1 == e || indexOf(b, sp + 1, e, (byte) ' ') >= 0)) {
            return false;
        }
        target(b, s, targetEnd, out);
        if (sp >= 0) {
            out.set(Field.PROTOCOL, b, sp + 1, e);
        }
        return true;
    }

    /** Whether {@code [s, e)} is a non-empty run of upper-case ASCII letters (an HTTP method). */
    static boolean isToken(byte[] b, int s, int e) {
        if (s >= e) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (b[i] < 'A' || b[i] > 'Z') {
                return false;
            }
        }
        return true;
    }
}
