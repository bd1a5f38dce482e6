package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import io.vigil.logparse.format.Field;
import io.vigil.logparse.format.ParsedLine;

/**
 * One worker's test of its records against the {@link Filters}, counting for each criterion the records it excluded
 * first. It compares values already parsed (the time and status as numbers, the level as an ordinal, text fields as
 * byte ranges), so it allocates nothing per record; the one exception is a {@code pathRegex} on a path with
 * non-ASCII bytes, which is decoded to a string. Not thread-safe: its regex matcher is reused.
 */
final class RecordFilter {
    private static final Filters.Criterion[] CRITERIA = Filters.Criterion.values();

    private final Filters filters;
    /** The criteria set, as ordinals, in the order they are tried. */
    private final int[] criteria;
    /** Records excluded, by criterion ordinal. */
    final long[] excluded = new long[CRITERIA.length];
    private final AsciiChars pathChars = new AsciiChars();
    private final Matcher pathMatcher;

    RecordFilter(Filters filters) {
        this.filters = filters;
        this.criteria = filters.criteria().stream().mapToInt(Enum::ordinal).toArray();
        this.pathMatcher = filters.pathRegex == null ? null : filters.pathRegex.matcher("");
    }

    /**
     * Whether a record passes every filter; when it does not, counts it against the first that excluded it.
     *
     * @param record the parsed record
     * @param buf    the buffer of its first line
     * @param start  where the line starts
     * @param end    where it ends
     * @return {@code true} when it is to be counted
     */
    boolean accepts(ParsedLine record, byte[] buf, int start, int end) {
        for (int criterion : criteria) {
            if (!passes(CRITERIA[criterion], record, buf, start, end)) {
                excluded[criterion]++;
                return false;
            }
        }
        return true;
    }

    private boolean passes(Filters.Criterion criterion, ParsedLine record, byte[] buf, int start, int end) {
        return switch (criterion) {
            case TIME -> {
                long millis = record.timestampMillis();
                yield millis != ParsedLine.NO_TIMESTAMP && millis >= filters.fromMillis && millis < filters.toMillis;
            }
            case LEVEL -> filters.levels[record.level().ordinal()];
            case STATUS -> record.status() >= 0 && filters.statuses[Math.min(record.status(), Partial.MAX_STATUS)];
            case METHOD -> anyEqual(filters.methods, record, Field.METHOD, true);
            case PATH -> record.has(Field.PATH) && startsWith(record, Field.PATH, filters.pathPrefix);
            case PATH_REGEX -> record.has(Field.PATH) && pathMatches(record);
            case CLIENT -> anyEqual(filters.clients, record, Field.CLIENT, false);
            case TEXT -> record.has(Field.MSG)
                    ? contains(record.buffer(Field.MSG), record.start(Field.MSG), record.end(Field.MSG), filters.text)
                    : contains(buf, start, end, filters.text);
        };
    }

    /** The criteria set, in the order they are tried. */
    List<Filters.Criterion> criteria() {
        return filters.criteria();
    }

    /** The filters as given, normalised. */
    Map<String, List<String>> applied() {
        return filters.applied();
    }

    /**
     * Adds another worker's exclusions to this one's.
     *
     * @param other the filter of another worker of the same analysis
     */
    void merge(RecordFilter other) {
        for (int i = 0; i < excluded.length; i++) {
            excluded[i] += other.excluded[i];
        }
    }

    private static boolean anyEqual(byte[][] wanted, ParsedLine record, Field field, boolean ignoreCase) {
        if (!record.has(field)) {
            return false;
        }
        byte[] buf = record.buffer(field);
        int start = record.start(field);
        int length = record.end(field) - start;
        for (byte[] value : wanted) {
            if (value.length == length && regionEquals(buf, start, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(ParsedLine record, Field field, byte[] prefix) {
        int start = record.start(field);
        return record.end(field) - start >= prefix.length && regionEquals(record.buffer(field), start, prefix, false);
    }

    private static boolean regionEquals(byte[] buf, int start, byte[] value, boolean ignoreCase) {
        for (int i = 0; i < value.length; i++) {
            byte b = buf[start + i];
            if ((ignoreCase ? upper(b) : b) != value[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean pathMatches(ParsedLine record) {
        byte[] buf = record.buffer(Field.PATH);
        int start = record.start(Field.PATH);
        int end = record.end(Field.PATH);
        CharSequence path = pathChars.of(buf, start, end)
                ? pathChars
                : new String(buf, start, end - start, StandardCharsets.UTF_8);
        return pathMatcher.reset(path).find();
    }

    /** Whether {@code [start, end)} contains {@code needle} (ASCII letters in lower case), ignoring ASCII case. */
    private static boolean contains(byte[] buf, int start, int end, byte[] needle) {
        byte first = needle[0];
        int last = end - needle.length;
        for (int i = start; i <= last; i++) {
            if (lower(buf[i]) == first && matchesAt(buf, i, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] buf, int at, byte[] needle) {
        for (int k = 1; k < needle.length; k++) {
            if (lower(buf[at + k]) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b & ~0x20) : b;
    }

    /** A reusable view of ASCII bytes as characters, so that matching a path's regex allocates nothing. */
    private static final class AsciiChars implements CharSequence {
        private byte[] buf;
        private int start;
        private int length;

        /** Points the view at a range; {@code false} (and unusable) when the range has a non-ASCII byte. */
        boolean of(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] < 0) {
                    return false;
                }
            }
            this.buf = bytes;
            this.start = from;
            this.length = to - from;
            return true;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) buf[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new String(buf, start + from, to - from, StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return new String(buf, start, length, StandardCharsets.US_ASCII);
        }
    }
}
