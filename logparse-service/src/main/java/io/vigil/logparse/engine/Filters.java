package io.vigil.logparse.engine;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.vigil.logparse.format.Level;

/**
 * The filters of an analysis, validated once: which records are counted. Each {@link Criterion} given narrows the
 * records (different criteria AND together; the values of one repeatable criterion OR together); a record that one of
 * them rejects is counted as excluded by the first that did, in {@link Criterion} order, and in no other figure.
 * The per-record test is {@link RecordFilter}'s, on the values already parsed; this class only holds them in the
 * form that test compares cheaply (bytes, a status table, level flags).
 */
public final class Filters {
    /** No filter: every record counts. */
    public static final Filters NONE = new Filters(new Reader(name -> List.of()));

    /** Longest {@code pathRegex}, so that a request cannot send a huge pattern. */
    static final int MAX_REGEX_LENGTH = 1000;

    /**
     * One kind of filter, in the order they are tried on a record (cheap tests first).
     */
    public enum Criterion {
        /** {@code from} and {@code to}: the record's time is in {@code [from, to)}; records without a time fail it. */
        TIME("time"),
        /** {@code level}: one of the normalised levels given. */
        LEVEL("level"),
        /** {@code status}: one of the codes ({@code 404}) or classes ({@code 5xx}) given. */
        STATUS("status"),
        /** {@code method}: one of the methods given, case-insensitive. */
        METHOD("method"),
        /** {@code path}: the path (without query string) starts with the prefix given. */
        PATH("path"),
        /** {@code pathRegex}: a Java regular expression found in the path (without query string). */
        PATH_REGEX("pathRegex"),
        /** {@code client}: the client address is one of those given, exactly. */
        CLIENT("client"),
        /** {@code text}: the message (the whole line when the record has no message) contains it, ignoring case. */
        TEXT("text");

        private final String key;

        Criterion(String key) {
            this.key = key;
        }

        /**
         * The criterion's name in the report's {@code excluded} object.
         *
         * @return e.g. {@code pathRegex}
         */
        public String key() {
            return key;
        }
    }

    /** The query parameters (and, with {@code --}, command-line options) that set filters. */
    public static final List<String> PARAMETERS = List.of("from", "to", "status", "method", "path", "pathRegex", "client",
                                                          "level", "text");

    /** The parameters that may be given more than once (their values OR together); the others take one value. */
    public static final Set<String> REPEATABLE = Set.of("status", "method", "client", "level");

    final long fromMillis;
    final long toMillis;
    /** Allowed status codes, indexed by code up to {@link Partial#MAX_STATUS}; {@code null} when not filtered. */
    final boolean[] statuses;
    /** Allowed methods, upper case ASCII. */
    final byte[][] methods;
    final byte[] pathPrefix;
    final Pattern pathRegex;
    final byte[][] clients;
    /** Allowed levels, indexed by ordinal; {@code null} when not filtered. */
    final boolean[] levels;
    /** Text to find, ASCII letters in lower case. */
    final byte[] text;
    private final Map<String, List<String>> applied;
    private final List<Criterion> criteria;

    private Filters(Reader read) {
        this.fromMillis = read.from;
        this.toMillis = read.to;
        this.statuses = read.statuses;
        this.methods = read.methods;
        this.pathPrefix = read.pathPrefix;
        this.pathRegex = read.pathRegex;
        this.clients = read.clients;
        this.levels = read.levels;
        this.text = read.text;
        this.applied = Collections.unmodifiableMap(read.applied);
        List<Criterion> set = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            if (isSet(criterion)) {
                set.add(criterion);
            }
        }
        this.criteria = List.copyOf(set);
    }

    /**
     * Reads and checks the filters from named values, such as a request's query parameters.
     *
     * @param values all values of a parameter by its name (see {@link #PARAMETERS}); an empty list when it is absent
     * @param zone   zone of a {@code from} or {@code to} given without an offset
     * @return the filters, {@link #NONE} when none is given
     * @throws InvalidFilterException naming the parameter whose value is wrong
     */
    public static Filters parse(Function<String, List<String>> values, ZoneId zone) {
        Reader read = new Reader(values);
        read.time(zone);
        read.levels();
        read.statuses();
        read.methods();
        read.path();
        read.pathRegex();
        read.clients();
        read.text();
        return read.applied.isEmpty() ? NONE : new Filters(read);
    }

    /**
     * Whether no filter is set.
     *
     * @return {@code true} for {@link #NONE}
     */
    public boolean isEmpty() {
        return criteria.isEmpty();
    }

    /**
     * The filters as given, normalised: instants in UTC, methods and levels in upper case; in the order they are tried.
     *
     * @return values by parameter name
     */
    public Map<String, List<String>> applied() {
        return applied;
    }

    /**
     * The criteria set, in the order they are tried.
     *
     * @return criteria
     */
    public List<Criterion> criteria() {
        return criteria;
    }

    private boolean isSet(Criterion criterion) {
        return switch (criterion) {
            case TIME -> fromMillis != Long.MIN_VALUE || toMillis != Long.MAX_VALUE;
            case LEVEL -> levels != null;
            case STATUS -> statuses != null;
            case METHOD -> methods != null;
            case PATH -> pathPrefix != null;
            case PATH_REGEX -> pathRegex != null;
            case CLIENT -> clients != null;
            case TEXT -> text != null;
        };
    }

    /** Reads the parameters one criterion at a time, keeping what it read and what it shows as applied. */
    private static final class Reader {
        private final Function<String, List<String>> values;
        private final Map<String, List<String>> applied = new LinkedHashMap<>();
        private long from = Long.MIN_VALUE;
        private long to = Long.MAX_VALUE;
        private boolean[] statuses;
        private byte[][] methods;
        private byte[] pathPrefix;
        private Pattern pathRegex;
        private byte[][] clients;
        private boolean[] levels;
        private byte[] text;

        Reader(Function<String, List<String>> values) {
            this.values = values;
        }

        void time(ZoneId zone) {
            String fromText = single("from");
            String toText = single("to");
            if (fromText != null) {
                from = epochMillis("from", fromText, zone);
                applied.put("from", List.of(Instant.ofEpochMilli(from).toString()));
            }
            if (toText != null) {
                to = epochMillis("to", toText, zone);
                applied.put("to", List.of(Instant.ofEpochMilli(to).toString()));
                if (to <= from) {
                    throw new InvalidFilterException("to", toText, "an instant after from (to is exclusive)");
                }
            }
        }

        void levels() {
            List<String> given = values.apply("level");
            if (given.isEmpty()) {
                return;
            }
            levels = new boolean[Level.values().length];
            List<String> shown = new ArrayList<>();
            for (String value : given) {
                Level level = levelNamed(value);
                levels[level.ordinal()] = true;
                shown.add(level.name());
            }
            applied.put("level", List.copyOf(shown));
        }

        void statuses() {
            List<String> given = values.apply("status");
            if (given.isEmpty()) {
                return;
            }
            statuses = new boolean[Partial.MAX_STATUS + 1];
            List<String> shown = new ArrayList<>();
            for (String value : given) {
                String status = value.toLowerCase(Locale.ROOT);
                if (status.matches("[1-5]xx")) {
                    int first = (status.charAt(0) - '0') * 100;
                    Arrays.fill(statuses, first, first + 100, true);
                } else if (status.matches("[1-5][0-9][0-9]")) {
                    statuses[Integer.parseInt(status)] = true;
                } else {
                    throw new InvalidFilterException("status", value, "a code 100..599 or a class 1xx..5xx");
                }
                shown.add(status);
            }
            applied.put("status", List.copyOf(shown));
        }

        void methods() {
            List<String> given = values.apply("method");
            if (given.isEmpty()) {
                return;
            }
            List<String> shown = given.stream().map(value -> nonEmpty("method", value).toUpperCase(Locale.ROOT)).toList();
            applied.put("method", shown);
            methods = shown.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        }

        void path() {
            String path = single("path");
            if (path != null) {
                applied.put("path", List.of(path));
                pathPrefix = path.getBytes(StandardCharsets.UTF_8);
            }
        }

        void pathRegex() {
            String regex = single("pathRegex");
            if (regex == null) {
                return;
            }
            if (regex.length() > MAX_REGEX_LENGTH) {
                throw new InvalidFilterException("pathRegex", regex.substring(0, 40) + "...",
                                                 "a regular expression of at most " + MAX_REGEX_LENGTH + " characters");
            }
            try {
                pathRegex = Pattern.compile(regex);
                applied.put("pathRegex", List.of(regex));
            } catch (PatternSyntaxException e) {
                throw new InvalidFilterException("pathRegex", regex, "a Java regular expression; " + e.getDescription()
                                                                     + " near index " + e.getIndex());
            }
        }

        void clients() {
            List<String> given = values.apply("client");
            if (given.isEmpty()) {
                return;
            }
            given.forEach(client -> nonEmpty("client", client));
            applied.put("client", List.copyOf(given));
            clients = given.stream().map(client -> client.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        }

        void text() {
            String given = single("text");
            if (given != null) {
                applied.put("text", List.of(given));
                text = given.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < text.length; i++) {
                    text[i] = RecordFilter.lower(text[i]);
                }
            }
        }

        /** A parameter that takes one value: {@code null} when absent, a problem when repeated or empty. */
        private String single(String name) {
            List<String> given = values.apply(name);
            if (given.isEmpty()) {
                return null;
            }
            if (given.size() > 1) {
                throw new InvalidFilterException(name, String.join(", ", given), "one value");
            }
            return nonEmpty(name, given.getFirst());
        }

        private static String nonEmpty(String name, String value) {
            if (value.isEmpty()) {
                throw new InvalidFilterException(name, value, "a non-empty value");
            }
            return value;
        }

        /** An instant as epoch milliseconds; one too far from 1970 for them (some 292 million years) is refused. */
        private static long epochMillis(String name, String text, ZoneId zone) {
            try {
                return instant(name, text, zone).toEpochMilli();
            } catch (ArithmeticException e) {
                throw new InvalidFilterException(name, text, "an instant within 292 million years of 1970");
            }
        }

        /** An instant ({@code 2026-03-14T10:00:00Z}), with an offset, or local in {@code zone}: a date-time or a date. */
        private static Instant instant(String name, String text, ZoneId zone) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                // not with an offset: try the local forms below
            }
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                // not a local date-time either
            }
            try {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidFilterException(name, text, "an ISO-8601 instant such as 2026-03-14T10:00:00Z, a date-time"
                                                             + " with an offset, or a date or date-time in tz");
            }
        }

        private static Level levelNamed(String value) {
            String name = value.toUpperCase(Locale.ROOT);
            for (Level level : Level.values()) {
                if (level != Level.NONE && level.name().equals(name)) {
                    return level;
                }
            }
            throw new InvalidFilterException("level", value, "TRACE, DEBUG, INFO, WARN, ERROR or FATAL");
        }
    }
}
