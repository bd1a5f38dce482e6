package io.vigil.logparse.format;

/**
 * Recognises the lines of Java stack traces and Python tracebacks that continue the record above them.
 * Optimised: prefix comparisons, no allocation.
 */
final class StackTraces {
    private static final byte[] CAUSED_BY = Bytes.ascii("Caused by: ");
    private static final byte[] SUPPRESSED = Bytes.ascii("Suppressed: ");
    private static final byte[] TRACEBACK = Bytes.ascii("Traceback (most recent call last):");
    private static final byte[] DURING = Bytes.ascii("During handling of the above exception");
    private static final byte[] CAUSE = Bytes.ascii("The above exception was the direct cause");

    private StackTraces() {
    }

    /** A line starting with a space or a tab ({@code \tat ...}, {@code \t... 3 more}, traceback frames). */
    static boolean indented(byte[] b, int s, int e) {
        return s < e && (b[s] == ' ' || b[s] == '\t');
    }

    /**
     * A Java stack-trace line: indented, {@code Caused by: }, {@code Suppressed: }, or an exception header
     * {@code qualified.ClassName[: message]} (a dotted Java name followed by a colon or the end of the line).
     */
    static boolean java(byte[] b, int s, int e) {
        return indented(b, s, e) || Bytes.regionMatches(b, s, e, CAUSED_BY) || Bytes.regionMatches(b, s, e, SUPPRESSED)
               || exceptionHeader(b, s, e, true);
    }

    /**
     * A Python traceback line: indented, the {@code Traceback} header, the chained-exception notes, or the final
     * {@code Name[.Name]*[: message]} line.
     */
    static boolean python(byte[] b, int s, int e) {
        return indented(b, s, e) || Bytes.regionMatches(b, s, e, TRACEBACK) || Bytes.regionMatches(b, s, e, DURING)
               || Bytes.regionMatches(b, s, e, CAUSE) || exceptionHeader(b, s, e, false);
    }

    /**
     * {@code identifier *("." identifier)} followed by {@code ':'} or the end; with {@code needDot} at least one dot.
     *
     * @return whether the line is such a header
     */
    static boolean exceptionHeader(byte[] b, int s, int e, boolean needDot) {
        int i = s;
        int dots = 0;
        while (true) {
            int idEnd = identifierEnd(b, i, e);
            if (idEnd == i) {
                return false;
            }
            if (idEnd == e || b[idEnd] == ':') {
                return !needDot || dots > 0;
            }
            if (b[idEnd] != '.') {
                return false;
            }
            dots++;
            i = idEnd + 1;
        }
    }

    private static int identifierEnd(byte[] b, int s, int e) {
        if (s >= e || !identifierStart(b[s])) {
            return s;
        }
        int i = s + 1;
        while (i < e && (identifierStart(b[i]) || Timestamps.digit(b[i]) >= 0)) {
            i++;
        }
        return i;
    }

    private static boolean identifierStart(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }
}
