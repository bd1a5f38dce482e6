package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.vigil.common.testing.Problems;

import jakarta.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Filtering while parsing equals filtering afterwards: the unfiltered records of {@code /v1/parse}, kept or dropped
 * by an obviously correct predicate (strings, {@code java.time}, {@code String.contains}, a regex on a string), give
 * the same matched count, the same exclusions per filter (first one to reject) and the same status counts as the
 * engine's filtered analysis, and the same records as its filtered parse.
 */
class FiltersPropertiesTest {
    private static final Instant BASE = Instant.parse("2026-03-14T10:00:00Z");
    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final AnalyzeOptions COMBINED = new AnalyzeOptions("combined", ZoneOffset.UTC,
                                                                      Clock.fixed(BASE, ZoneOffset.UTC));

    /** A generated log and the filters to try on it. */
    record Case(List<String> lines, Map<String, List<String>> filters) {
    }

    @Property(tries = 300)
    void filteringWhileParsingEqualsFilteringTheRecordsAfterwards(@ForAll("cases") Case given) throws IOException {
        byte[] log = (String.join("\n", given.lines()) + "\n").getBytes(StandardCharsets.UTF_8);
        Filters filters = Filters.parse(name -> given.filters().getOrDefault(name, List.of()), ZoneOffset.UTC);

        Map<String, Long> excluded = new LinkedHashMap<>();
        filters.criteria().forEach(criterion -> excluded.put(criterion.key(), 0L));
        Map<String, Long> statuses = new TreeMap<>();
        List<String> kept = new ArrayList<>();
        for (String record : parse(log, Filters.NONE)) {
            JsonObject json = Problems.parse(record);
            String rejectedBy = firstRejecting(json, given.lines().get(json.getInt("line") - 1), given.filters());
            if (rejectedBy == null) {
                statuses.merge(String.valueOf(json.getInt("status")), 1L, Long::sum);
                kept.add(record);
            } else {
                excluded.merge(rejectedBy, 1L, Long::sum);
            }
        }

        Analysis analysis = new Analyzer(EngineLimits.DEFAULTS).analyze(new ByteArrayInputStream(log),
                                                                        COMBINED.withFilters(filters));
        if (filters.isEmpty()) {
            assertThat(analysis.filters().isPresent(), is(false));
        } else {
            assertThat(analysis.filters().orElseThrow().excluded(), is(excluded));
            assertThat(analysis.filters().orElseThrow().matched(), is((long) kept.size()));
        }
        assertThat(new TreeMap<>(analysis.statuses()), is(statuses));
        assertThat(parse(log, filters), is(kept));
    }

    /** The reference: the key of the first filter, in the documented order, that the record fails; null when none. */
    private static String firstRejecting(JsonObject record, String raw, Map<String, List<String>> filters) {
        for (String key : List.of("time", "status", "method", "path", "pathRegex", "client", "text")) {
            boolean passes = key.equals("time")
                    ? inWindow(Instant.parse(record.getString("ts")), filters)
                    : !filters.containsKey(key) || matches(key, filters.get(key), record, raw);
            if (!passes) {
                return key;
            }
        }
        return null;
    }

    private static boolean inWindow(Instant time, Map<String, List<String>> filters) {
        Instant from = Instant.parse(filters.getOrDefault("from", List.of(Instant.MIN.toString())).getFirst());
        Instant to = Instant.parse(filters.getOrDefault("to", List.of(Instant.MAX.toString())).getFirst());
        return !time.isBefore(from) && time.isBefore(to);
    }

    private static boolean matches(String key, List<String> values, JsonObject record, String raw) {
        String status = String.valueOf(record.getInt("status"));
        // A request the format could not split (a lower-case method) has no method and no path: it fails those filters.
        String method = record.getString("method", null);
        String path = record.getString("path", null);
        return switch (key) {
            case "status" -> values.stream()
                    .anyMatch(s -> s.equals(status) || s.endsWith("xx") && s.charAt(0) == status.charAt(0));
            case "method" -> method != null && values.stream().anyMatch(method::equalsIgnoreCase);
            case "path" -> path != null && path.startsWith(values.getFirst());
            case "pathRegex" -> path != null && Pattern.compile(values.getFirst()).matcher(path).find();
            case "client" -> values.contains(record.getString("client"));
            case "text" -> raw.toLowerCase(Locale.ROOT).contains(values.getFirst().toLowerCase(Locale.ROOT));
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static List<String> parse(byte[] log, Filters filters) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Parser(EngineLimits.DEFAULTS).parse(new ByteArrayInputStream(log),
                                                new ParseOptions(COMBINED.withFilters(filters), true), detection -> out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(line().list().ofMinSize(1).ofMaxSize(40), filters()).as(Case::new);
    }

    private static Arbitrary<String> line() {
        Arbitrary<String> record = Combinators.combine(
                Arbitraries.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "::1"),
                Arbitraries.integers().between(0, 3600),
                Arbitraries.of("GET", "POST", "PUT", "put", "DELETE"),
                Arbitraries.of("/", "/api", "/api/users", "/api/users/7", "/apiary", "/caf\u00e9", "/Search"),
                Arbitraries.of("", "?q=1", "?users=2"),
                Arbitraries.of(200, 204, 301, 404, 418, 500, 503),
                Arbitraries.of("curl/8.5.0", "TimeOut-Bot", "Firefox"))
                .as((client, second, method, path, query, status, agent) -> client + " - - ["
                        + CLF_TIME.format(BASE.plusSeconds(second)) + "] \"" + method + " " + path + query
                + " HTTP/1.1\" " + status + " 10 \"-\" \"" + agent + "\"");
        return Arbitraries.frequencyOf(Tuple.of(12, record), Tuple.of(1, Arbitraries.just("not an access log line")));
    }

    private static Arbitrary<Map<String, List<String>>> filters() {
        Arbitrary<List<String>> seconds = Arbitraries.integers().between(0, 3600).list().ofMaxSize(2).uniqueElements()
                .map(list -> list.stream().sorted().map(s -> BASE.plusSeconds(s).toString()).toList());
        return Combinators.combine(
                seconds,
                Arbitraries.of("2xx", "404", "5xx", "301", "418").list().ofMaxSize(2).uniqueElements(),
                Arbitraries.of("get", "POST", "Put").list().ofMaxSize(2).uniqueElements(),
                optional(Arbitraries.of("/api", "/api/users", "/")),
                optional(Arbitraries.of("users/\\d+$", "^/$", "[a-z]{6}", "\u00e9")),
                Arbitraries.of("10.0.0.1", "10.0.0.3", "::1", "10.0.0").list().ofMaxSize(2).uniqueElements(),
                optional(Arbitraries.of("timeout", "CURL", "/api", "q=1")))
                .as((time, status, method, path, regex, client, text) -> {
                    Map<String, List<String>> filters = new LinkedHashMap<>();
                    if (time.size() == 2) {
                        filters.put("from", List.of(time.get(0)));
                        filters.put("to", List.of(time.get(1)));
                    } else if (time.size() == 1) {
                        filters.put(time.get(0).endsWith("0Z") ? "from" : "to", time);
                    }
                    putIfAny(filters, "status", status);
                    putIfAny(filters, "method", method);
                    putIfAny(filters, "path", path);
                    putIfAny(filters, "pathRegex", regex);
                    putIfAny(filters, "client", client);
                    putIfAny(filters, "text", text);
                    return filters;
                });
    }

    private static Arbitrary<List<String>> optional(Arbitrary<String> value) {
        return value.list().ofMaxSize(1);
    }

    private static void putIfAny(Map<String, List<String>> filters, String name, List<String> values) {
        if (!values.isEmpty()) {
            filters.put(name, values);
        }
    }
}
