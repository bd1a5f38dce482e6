package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vigil.common.Result;
import io.vigil.logparse.format.FormatPart.Literal;
import io.vigil.logparse.format.FormatPart.Variable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Compiled custom formats agree with {@link ReferenceParsers#custom} (string splitting and regular expressions) on lines
 * generated from the format, valid and mutated: both accept with the same fields, or both reject. (No format here
 * fills a text field twice: which of two values a field keeps is not part of the contract.)
 */
class CustomFormatPropertiesTest {
    private static final int TRIES = 1000;
    private static final List<String> DEFINITIONS = List.of(
            CustomFormatsTest.NGINX_TIMED,
            CustomFormatsTest.APACHE_TIMED,
            CustomFormatsTest.NGINX_COMBINED,
            "nginx:$time_iso8601 $host \"$request_method $request_uri $server_protocol\" $status $request_time "
            + "\"$http_user_agent\"",
            "apache:%a|%{msec}t|%m|%U%q|%H|%>s|%B|%{ms}T|%{X-Id}i",
            "nginx:[$msec] $pid: $uri$is_args$args;$connection \"$http_referer\"",
            "apache:%{usec}t %{sec}t \"%{User-Agent}i\" %{us}T%% %T");

    private record Case(String definition, String line) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(DEFINITIONS).flatMap(definition -> {
            List<Arbitrary<String>> pieces = new ArrayList<>();
            for (FormatPart part : parts(definition)) {
                pieces.add(switch (part) {
                    case Literal literal -> Arbitraries.just(literal.text());
                    case Variable variable -> value(variable.slot());
                });
            }
            Arbitrary<String> line = Combinators.combine(pieces).as(values -> String.join("", values));
            return Combinators.combine(line, new ReferencePropertiesTest().mutations())
                    .as((text, mutation) -> new Case(definition,
                                                     new String(mutation.apply(text), StandardCharsets.ISO_8859_1)));
        });
    }

    @Property(tries = TRIES)
    void compiledFormatsAgreeWithTheReference(@ForAll("cases") Case c) {
        byte[] line = c.line().getBytes(StandardCharsets.ISO_8859_1);
        LineFormat format = CustomFormat.inline(c.definition()).compile(FormatTesting.UTC);
        ParsedLine out = FormatTesting.parse(format, line);
        String text = new String(line, StandardCharsets.UTF_8);
        Result<Map<String, String>> expected = ReferenceParsers.custom(parts(c.definition()), text, FormatTesting.UTC);
        Statistics.label("outcome").collect(expected.isOk() ? "accepted" : "rejected");
        if (expected instanceof Result.Ok<Map<String, String>> ok) {
            assertThat(c.definition() + " should accept: " + text + " (" + out.error() + ")", out.error() == null, is(true));
            assertThat(c.definition() + ": " + text, FormatTesting.fields(out), is(ok.value()));
        } else {
            assertThat(c.definition() + " should reject: " + text + " " + FormatTesting.fields(out), out.error() != null,
                       is(true));
        }
    }

    private static List<FormatPart> parts(String definition) {
        String body = definition.substring(definition.indexOf(':') + 1);
        return definition.startsWith(CustomFormat.NGINX) ? NginxLogFormat.compile(body) : ApacheLogFormat.compile(body);
    }

    /** Values a variable may take: mostly valid ones, sometimes odd or invalid ones. */
    private static Arbitrary<String> value(Slot slot) {
        return switch (slot) {
            case CLIENT -> mix(Arbitraries.of("127.0.0.1", "::1", "-", "host.example.com"), "a - b", "");
            case TIME_CLF -> mix(Combinators.combine(instants(), Arbitraries.of("+0000", "-0700", "+0530"))
                                         .as((instant, offset) -> DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
                                                 .format(instant.atOffset(ZoneOffset.of(offset)))),
                                 "10/Oct/2000:13:55:36", "-");
            case TIME_ISO -> mix(Combinators.combine(instants(), Arbitraries.of("", ".123", "+02:00", "Z"))
                                         .as((instant, suffix) -> instant.toString().replace("Z", "") + suffix),
                                 "2024-02-30T00:00:00Z", "x");
            case TIME_EPOCH_SECONDS -> mix(Combinators.combine(instants(), Arbitraries.of("", ".5", ".123"))
                                                   .as((instant, fraction) -> instant.getEpochSecond() + fraction), "1.", "-");
            case TIME_EPOCH_MILLIS -> mix(instants().map(instant -> Long.toString(instant.toEpochMilli())), "-", "1e3");
            case TIME_EPOCH_MICROS -> mix(instants().map(instant -> instant.toEpochMilli() + "123"), "-");
            case REQUEST -> mix(Arbitraries.of("GET / HTTP/1.1", "POST /a/b?c=d HTTP/2.0", "-", "GET /a\\\"b HTTP/1.1"),
                                "GET /a\" b HTTP/1.1", "\\x16\\x03", "get /x", "");
            case METHOD -> Arbitraries.of("GET", "DELETE", "-");
            case TARGET -> Arbitraries.of("/a?b=c", "/x", "-", "?q", "/p?");
            case PATH -> Arbitraries.of("/a", "/b/c.html", "-");
            case QUERY -> Arbitraries.of("?a=1", "a=1&b=2", "-", "");
            case PROTOCOL -> Arbitraries.of("HTTP/1.1", "HTTP/2.0", "-");
            case STATUS -> mix(Arbitraries.of("200", "404", "503", "-"), "099", "2000", "20");
            case BYTES -> mix(Arbitraries.of("0", "512", "-", "123456789"), "99999999999999999999", "12a");
            case REFERER, USER_AGENT -> mix(Arbitraries.of("-", "http://example.com/a?b=c", "Mozilla/5.0 (X11; Linux x86_64)",
                                                           "a \\\"quoted\\\" agent"), "say \"hi\" now", "ends with \\", "");
            case DURATION_SECONDS -> mix(Arbitraries.of("0.123", "-", "12", "0.0000019"), "1.", "99999999999999999999");
            case DURATION_MILLIS, DURATION_MICROS -> mix(Arbitraries.of("17", "-", "0"), "9999999999999999", "x");
            default -> mix(Arbitraries.of("-", "abc", "x:y"), "a b", "", "0.120, 0.003");
        };
    }

    private static Arbitrary<String> mix(Arbitrary<String> valid, String... odd) {
        return Arbitraries.frequencyOf(Tuple.of(15, valid), Tuple.of(1, Arbitraries.of(odd)));
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                                           Instant.parse("2024-03-21T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }
}
