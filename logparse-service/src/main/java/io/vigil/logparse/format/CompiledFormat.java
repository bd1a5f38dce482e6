package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vigil.logparse.format.FormatPart.Literal;
import io.vigil.logparse.format.FormatPart.Variable;

/**
 * A custom format compiled once from its {@link FormatPart}s into arrays that the per-line loop walks: the literal
 * text before the first variable, then per variable its {@link Slot} and the literal that ends it.
 *
 * <p>Where a variable ends: a variable followed by nothing runs to the end of the line; the last literal of the format
 * must end the line (it is matched from the end, so a closing quote after a user agent that contains quotes is found);
 * a variable between double quotes ({@code "$request"}) ends at the first unescaped quote at which the literal after
 * it matches (a backslash escapes the next byte, as Apache writes {@code \"}); a CLF time ends 26 bytes after its
 * start and a status 3 bytes after, when the literal follows there; any other variable ends at the first place the
 * literal after it matches. The line must match every literal; then
 * each value is stored: {@code -} or empty is none, numbers and times parse straight from bytes.
 *
 * <p>Optimised like the built-in formats: the request line, referer and user agent take the paths of
 * {@link AccessLog} that hash them while they are scanned, literals are searched a word at a time for their first
 * byte, nothing is allocated per line.
 */
final class CompiledFormat implements LineFormat {
    private final String name;
    private final String description;
    private final String sample;
    private final TimeContext time;
    private final byte[] lead;
    /** Per variable: its slot, the extra's name (or null), the literal after it, whether it is quoted. */
    private final Slot[] slots;
    /** Per variable: the text field it sets as it is (client, method, path, protocol, host, pid), else null. */
    private final Field[] plain;
    /** Per variable: the width its value always has (a CLF time, a status), tried before searching; else 0. */
    private final int[] widths;
    private final byte[][] extraNames;
    private final byte[][] after;
    private final boolean[] quoted;
    /** Per variable: the referer or user agent field when {@link #hashedEnd} applies to it, else null. */
    private final Field[] hashable;

    CompiledFormat(String name, String description, List<FormatPart> parts, TimeContext time) {
        this.name = name;
        this.description = description;
        this.time = time;
        int variables = (int) parts.stream().filter(Variable.class::isInstance).count();
        this.slots = new Slot[variables];
        this.widths = new int[variables];
        this.plain = new Field[variables];
        this.extraNames = new byte[variables][];
        this.after = new byte[variables][];
        this.quoted = new boolean[variables];
        this.hashable = new Field[variables];
        byte[] first = new byte[0];
        int k = -1;
        for (FormatPart part : parts) {
            if (part instanceof Variable variable) {
                k++;
                slots[k] = variable.slot();
                widths[k] = width(variable.slot());
                plain[k] = plain(variable.slot());
                extraNames[k] = variable.extraName() == null ? null : variable.extraName().getBytes(StandardCharsets.UTF_8);
                after[k] = new byte[0];
            } else if (part instanceof Literal literal) {
                byte[] text = literal.text().getBytes(StandardCharsets.UTF_8);
                if (k < 0) {
                    first = text;
                } else {
                    after[k] = text;
                }
            }
        }
        this.lead = first;
        for (int v = 0; v < variables; v++) {
            quoted[v] = endsWithQuote(v == 0 ? lead : after[v - 1]) && after[v].length > 0 && after[v][0] == '"';
            hashable[v] = hashable(v, v == variables - 1);
        }
        this.sample = sample(parts);
    }

    private static Field plain(Slot slot) {
        return switch (slot) {
            case CLIENT -> Field.CLIENT;
            case METHOD -> Field.METHOD;
            case PATH -> Field.PATH;
            case PROTOCOL -> Field.PROTOCOL;
            case HOST -> Field.HOST;
            case PID -> Field.PID;
            default -> null;
        };
    }

    private static int width(Slot slot) {
        return switch (slot) {
            case TIME_CLF -> AccessLog.CLF_WIDTH;
            case STATUS -> 3;
            default -> 0;
        };
    }

    private static boolean endsWithQuote(byte[] literal) {
        return literal.length > 0 && literal[literal.length - 1] == '"';
    }

    /** The field {@link #hashedEnd} may scan for variable {@code k}: a quoted referer or user agent as in combined. */
    private Field hashable(int k, boolean last) {
        Field field = slots[k] == Slot.REFERER ? Field.REFERER : slots[k] == Slot.USER_AGENT ? Field.USER_AGENT : null;
        byte[] literal = after[k];
        boolean layout = last ? literal.length == 1 : literal.length > 1 && literal[1] == ' ';
        return quoted[k] && layout ? field : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String sample() {
        return sample;
    }

    @Override
    public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
        out.reset();
        if (!Bytes.regionMatches(buf, start, end, lead)) {
            return out.fail(end - start < lead.length ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX);
        }
        int i = start + lead.length;
        int last = slots.length - 1;
        for (int k = 0; k <= last; k++) {
            int valueEnd = end(buf, i, end, k, k == last, out);
            if (valueEnd < 0) {
                return out.fail(failure(buf, i, end, k));
            }
            Field field = plain[k];
            if (field != null) {
                if (valueEnd > i && !Bytes.isDash(buf, i, valueEnd)) {
                    out.set(field, buf, i, valueEnd);
                }
            } else if (!store(buf, i, valueEnd, k, out)) {
                return false;
            }
            i = valueEnd + after[k].length;
        }
        return true;
    }

    /** Why the value of variable {@code k} starting at {@code s} has no end: the line is short, or does not match. */
    private String failure(byte[] b, int s, int e, int k) {
        if (k == slots.length - 1) {
            return e - after[k].length < s ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX;
        }
        if (!quoted[k]) {
            return Reasons.TRUNCATED;
        }
        int close = Bytes.strictQuotedEnd(b, s - 1, e);
        // A value whose quote closes the line is followed by nothing: the line stops short of the format.
        return close < 0 ? Reasons.UNTERMINATED_QUOTE : close + 1 == e ? Reasons.TRUNCATED : Reasons.BAD_SYNTAX;
    }

    /**
     * The end of a quoted referer or user agent followed by a quote and a space (or by the closing quote of the line),
     * as in the combined layout, found by {@link AccessLog#quoted}, which also sets and hashes the field; -1 for any
     * other variable or when the literal after the quote does not match (then the general search decides).
     */
    private int hashedEnd(byte[] b, int s, int e, int k, boolean last, ParsedLine out) {
        Field field = hashable[k];
        int close = AccessLog.quoted(b, s - 1, e, field, out);
        return close >= 0 && (last ? close + 1 == e : Bytes.regionMatches(b, close, e, after[k])) ? close : -1;
    }

    /** The end of the last variable: the line ends with the format's last literal (if any), or -1. */
    private int lastEnd(byte[] b, int s, int e, int k) {
        int valueEnd = e - after[k].length;
        return valueEnd >= s && Bytes.regionMatches(b, valueEnd, e, after[k]) ? valueEnd : -1;
    }

    /** Where the value of variable {@code k} that starts at {@code s} ends, by the rules above; -1 if it does not. */
    private int end(byte[] b, int s, int e, int k, boolean last, ParsedLine out) {
        int valueEnd = hashable[k] == null ? -1 : hashedEnd(b, s, e, k, last, out);
        if (valueEnd < 0) {
            valueEnd = last ? lastEnd(b, s, e, k) : valueEnd(b, s, e, k);
        }
        return valueEnd;
    }

    /** Where the value of variable {@code k} that starts at {@code s} ends, or -1 when the literal after it is missing. */
    private int valueEnd(byte[] b, int s, int e, int k) {
        byte[] literal = after[k];
        if (quoted[k]) {
            return quotedEnd(b, s, e, literal);
        }
        int width = widths[k];
        if (width > 0 && Bytes.regionMatches(b, s + width, e, literal)) {
            return s + width;
        }
        return literalAt(b, s, e, literal);
    }

    /** The first unescaped quote in {@code [s, e)} where {@code literal} (which starts with the quote) matches, or -1. */
    private static int quotedEnd(byte[] b, int s, int e, byte[] literal) {
        int i = Swar.quoteOrBackslash(b, s, e);
        while (i >= 0) {
            if (b[i] == '\\') {
                i = i + 2 < e ? Swar.quoteOrBackslash(b, i + 2, e) : -1;
            } else if (Bytes.regionMatches(b, i, e, literal)) {
                return i;
            } else {
                i = Swar.quoteOrBackslash(b, i + 1, e);
            }
        }
        return -1;
    }

    /** The first place in {@code [s, e)} where {@code literal} matches, or -1. */
    private static int literalAt(byte[] b, int s, int e, byte[] literal) {
        int i = Swar.indexOf(b, s, e, literal[0]);
        while (i >= 0 && literal.length > 1 && !Bytes.regionMatches(b, i, e, literal)) {
            i = Swar.indexOf(b, i + 1, e, literal[0]);
        }
        return i;
    }

    /** Stores the value {@code [s, e)} of variable {@code k}; false with the reason set when it is not valid. */
    private boolean store(byte[] b, int s, int e, int k, ParsedLine out) {
        boolean none = e == s || Bytes.isDash(b, s, e);
        switch (slots[k]) {
            case CLIENT -> setUnlessNone(Field.CLIENT, b, s, e, none, out);
            case TIME_CLF -> {
                return timestamp(out.dates.clf(b, s, e), out);
            }
            case TIME_ISO -> {
                return timestamp(Timestamps.iso(b, s, e, time, out.dates), out);
            }
            case TIME_EPOCH_SECONDS -> {
                long micros = Bytes.secondsAsMicros(b, s, e);
                return timestamp(micros < 0 ? Timestamps.NONE : micros / 1000, out);
            }
            case TIME_EPOCH_MILLIS -> {
                long millis = Bytes.parseLong(b, s, e);
                return timestamp(millis < 0 ? Timestamps.NONE : millis, out);
            }
            case TIME_EPOCH_MICROS -> {
                long micros = Bytes.parseLong(b, s, e);
                return timestamp(micros < 0 ? Timestamps.NONE : micros / 1000, out);
            }
            case REQUEST -> AccessLog.requestLine(b, s, e, out);
            case METHOD -> setUnlessNone(Field.METHOD, b, s, e, none, out);
            case TARGET -> {
                if (!none) {
                    Bytes.target(b, s, e, out);
                }
            }
            case PATH -> setUnlessNone(Field.PATH, b, s, e, none, out);
            case QUERY -> setUnlessNone(Field.QUERY, b, s < e && b[s] == '?' ? s + 1 : s, e, none, out);
            case PROTOCOL -> setUnlessNone(Field.PROTOCOL, b, s, e, none, out);
            case STATUS -> {
                int status = e - s == 3 ? Timestamps.digits(b, s, 3) : -1;
                if (status >= 0) {
                    out.status(status);
                }
                return none || status >= 0 || out.fail(Reasons.BAD_NUMBER);
            }
            case BYTES -> {
                return none || number(b, s, e, out, k);
            }
            case REFERER -> header(Field.REFERER, b, s, e, none, out);
            case USER_AGENT -> header(Field.USER_AGENT, b, s, e, none, out);
            case HOST -> setUnlessNone(Field.HOST, b, s, e, none, out);
            case PID -> setUnlessNone(Field.PID, b, s, e, none, out);
            case DURATION_SECONDS, DURATION_MILLIS, DURATION_MICROS -> {
                return none || number(b, s, e, out, k);
            }
            default -> {
                if (!none) {
                    out.addExtra(extraNames[k], b, s, e);
                }
            }
        }
        return true;
    }

    /** A size or a duration into its slot; the first duration of a line wins. */
    private boolean number(byte[] b, int s, int e, ParsedLine out, int k) {
        Slot slot = slots[k];
        long value = slot == Slot.DURATION_SECONDS ? Bytes.secondsAsMicros(b, s, e) : Bytes.parseLong(b, s, e);
        if (value < 0) {
            return out.fail(value == Bytes.OVERFLOW ? Reasons.NUMBER_OUT_OF_RANGE : Reasons.BAD_NUMBER);
        }
        if (slot == Slot.BYTES) {
            out.bytes(value);
            return true;
        }
        if (slot == Slot.DURATION_MILLIS && value > Long.MAX_VALUE / 1000) {
            return out.fail(Reasons.NUMBER_OUT_OF_RANGE);
        }
        if (out.durationMicros() < 0) {
            out.durationMicros(slot == Slot.DURATION_MILLIS ? value * 1000 : value);
        }
        return true;
    }

    /** A referer or user agent, unless {@link #hashedEnd} set it (with its hash) already. */
    private static void header(Field field, byte[] b, int s, int e, boolean none, ParsedLine out) {
        boolean done = out.has(field) && out.buffer(field) == b && out.start(field) == s && out.end(field) == e;
        if (!done) {
            // An empty range clears a value that a failed fast path may have set.
            out.set(field, b, s, none ? s : e);
        }
    }

    private static void setUnlessNone(Field field, byte[] b, int s, int e, boolean none, ParsedLine out) {
        if (!none) {
            out.set(field, b, s, e);
        }
    }

    /** The first time of a line is its timestamp; every time must be valid. */
    private static boolean timestamp(long millis, ParsedLine out) {
        if (millis == Timestamps.NONE) {
            return out.fail(Reasons.BAD_TIMESTAMP);
        }
        if (out.timestampMillis() == ParsedLine.NO_TIMESTAMP) {
            out.timestampMillis(millis);
        }
        return true;
    }

    /** A line in this format, made of an example value per variable: what {@code /v1/formats} shows. */
    private static String sample(List<FormatPart> parts) {
        StringBuilder line = new StringBuilder();
        for (FormatPart part : parts) {
            switch (part) {
                case Literal literal -> line.append(literal.text());
                case Variable variable -> line.append(example(variable.slot()));
            }
        }
        return line.toString();
    }

    private static String example(Slot slot) {
        return switch (slot) {
            case CLIENT -> "192.0.2.10";
            case TIME_CLF -> "24/Nov/2026:14:03:07 +0000";
            case TIME_ISO -> "2026-11-24T14:03:07+00:00";
            case TIME_EPOCH_SECONDS -> "1795529987.512";
            case TIME_EPOCH_MILLIS -> "1795529987512";
            case TIME_EPOCH_MICROS -> "1795529987512000";
            case REQUEST -> "GET /index.html?page=2 HTTP/1.1";
            case METHOD -> "GET";
            case TARGET -> "/index.html?page=2";
            case PATH -> "/index.html";
            case QUERY -> "page=2";
            case PROTOCOL -> "HTTP/1.1";
            case STATUS -> "200";
            case BYTES -> "512";
            case REFERER -> "https://example.com/";
            case USER_AGENT -> "Mozilla/5.0 (X11; Linux x86_64)";
            case HOST -> "example.com";
            case PID -> "1234";
            case DURATION_SECONDS -> "0.042";
            case DURATION_MILLIS -> "42";
            case DURATION_MICROS -> "42000";
            case EXTRA -> "-";
        };
    }
}
