package io.vigil.logparse.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vigil.common.Result;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The fast parsers agree with {@link ReferenceParsers} on generated lines, valid and mutated: both accept with the
 * same fields, or both reject.
 */
class ReferencePropertiesTest {
    private static final int TRIES = 600;
    private static final String MUTATION_CHARS = "\" []\\=-:,.*#<>0912aZTI\u00e9\u00ff";

    /** One edit of a line: none, truncate, delete, insert or replace at a relative position. */
    record Mutation(int kind, double position, char c, boolean rawByte) {
        byte[] apply(String line) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            int at = (int) (position * b.length);
            byte[] insert = rawByte ? new byte[] {(byte) 0xFF} : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            return switch (kind) {
                case 1 -> java.util.Arrays.copyOf(b, at);
                case 2 -> at < b.length ? concat(b, at, new byte[0], at + 1) : b;
                case 3 -> concat(b, at, insert, at);
                case 4 -> at < b.length ? concat(b, at, insert, at + 1) : b;
                default -> b;
            };
        }

        private static byte[] concat(byte[] b, int cut, byte[] middle, int resume) {
            byte[] out = new byte[cut + middle.length + b.length - resume];
            System.arraycopy(b, 0, out, 0, cut);
            System.arraycopy(middle, 0, out, cut, middle.length);
            System.arraycopy(b, resume, out, cut + middle.length, b.length - resume);
            return out;
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6).map(k -> k > 4 ? 0 : k),
                                   Arbitraries.doubles().between(0, 1),
                                   Arbitraries.of(MUTATION_CHARS.toCharArray()),
                                   Arbitraries.of(true, false, false, false, false))
                .as(Mutation::new);
    }

    private static void agree(String name, byte[] line) {
        LineFormat format = FormatTesting.format(name);
        ParsedLine out = FormatTesting.parse(format, line);
        String text = new String(line, StandardCharsets.UTF_8);
        Result<Map<String, String>> expected = ReferenceParsers.parse(name, text, FormatTesting.UTC);
        Statistics.label(name).collect(expected.isOk() ? "accepted" : "rejected");
        if (expected instanceof Result.Ok<Map<String, String>> ok) {
            assertThat(name + " should accept: " + text + " (" + out.error() + ")", out.error() == null, is(true));
            assertThat(name + ": " + text, FormatTesting.fields(out), is(ok.value()));
        } else {
            assertThat(name + " should reject: " + text + " " + FormatTesting.fields(out), out.error() != null, is(true));
        }
    }

    // ------------------------------------------------------------------ building blocks

    private static Arbitrary<String> chars(String alphabet, int min, int max) {
        return Arbitraries.strings().withChars(alphabet).ofMinLength(min).ofMaxLength(max);
    }

    private static Arbitrary<String> word() {
        return chars("abcxyzXYZ0129._-/", 1, 10);
    }

    private static Arbitrary<String> text() {
        return chars("abc xyz XYZ 019.,;'()[]{}=-_/:*#\u00e9\u65e5", 0, 30);
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                                           Instant.parse("2024-03-21T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    private static Arbitrary<String> formatted(String pattern, List<String> offsets) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.US);
        return Combinators.combine(instants(), Arbitraries.of(offsets))
                .as((instant, offset) -> formatter.format(instant.atOffset(ZoneOffset.of(offset))));
    }

    private static Arbitrary<String> isoTimestamp() {
        return Combinators.combine(formatted("yyyy-MM-dd'T'HH:mm:ss", List.of("Z")),
                                   Arbitraries.of("", ".1", ".123", ".123456", ".000000001", ",5"),
                                   Arbitraries.of("", "Z", "+01:00", "-0730", "+05"))
                .as((dateTime, fraction, zone) -> dateTime + fraction + zone);
    }

    private static Arbitrary<String> request() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of("GET", "POST", "HEAD", "get"),
                                                     chars("/abcz09.?=&%-", 1, 20),
                                                     Arbitraries.of("HTTP/1.1", "HTTP/2.0", "", "HTTP/1.0 extra"))
                .as((method, target, protocol) -> protocol.isEmpty() ? method + " " + target : method + " " + target + " "
                                                                                               + protocol);
        return Arbitraries.oneOf(line, Arbitraries.of("-", "\\x16\\x03\\x01", "GET /a\\\"b HTTP/1.1", "GET /a\"b HTTP/1.1"));
    }

    private static Arbitrary<String> quoted() {
        return Arbitraries.oneOf(Arbitraries.of("-", "", "http://example.com/a?b=c", "Mozilla/5.0 (X11; Linux x86_64)",
                                                "a \\\"quoted\\\" agent", "1.2.3.4, 10.0.0.1"),
                                 text().map(t -> t.replace("\"", "").replace("\\", "")));
    }

    // ------------------------------------------------------------------ access logs

    @Provide
    Arbitrary<String> clfLines() {
        return Combinators.combine(Arbitraries.of("127.0.0.1", "::1", "-", "host.example.com"),
                                   Arbitraries.of("-", "identd"),
                                   Arbitraries.of("-", "frank"),
                                   formatted("dd/MMM/yyyy:HH:mm:ss xx", List.of("Z", "-07:00", "+05:30", "+14:00")),
                                   request(),
                                   Arbitraries.integers().between(100, 599),
                                   Arbitraries.oneOf(Arbitraries.just("-"), Arbitraries.longs().between(0, 10_000_000_000L)
                                           .map(String::valueOf)))
                .as((client, ident, user, date, request, status, size) -> client + " " + ident + " " + user + " [" + date
                                                                         + "] \"" + request + "\" " + status + " " + size);
    }

    @Provide
    Arbitrary<String> combinedLines() {
        Arbitrary<String> trailing = Arbitraries.oneOf(Arbitraries.just(""), quoted().map(q -> " \"" + q + "\""),
                                                       Arbitraries.of(" 0.123", " 48213", " - 1.5", " \"-\" 7",
                                                                      " 99999999999999999999", " 1.2.3 x"));
        return Combinators.combine(clfLines(), quoted(), quoted(), trailing, Arbitraries.integers().between(0, 2))
                .as((clf, referer, agent, extra, count) -> switch (count) {
                    case 0 -> clf + extra;
                    case 1 -> clf + " \"" + referer + "\"";
                    default -> clf + " \"" + referer + "\" \"" + agent + "\"" + extra;
                });
    }

    @Property(tries = TRIES)
    void commonAgrees(@ForAll("clfLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("common", mutation.apply(line));
    }

    @Property(tries = TRIES)
    void combinedAgrees(@ForAll("combinedLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("combined", mutation.apply(line));
    }

    /**
     * A record reused line after line (as a worker reuses it, with its timestamp memo) gives what a fresh one gives,
     * and a hash the format computed while scanning a field is that field's {@link KeyHash}.
     */
    @Property(tries = TRIES / 3)
    void aReusedRecordParsesLikeAFreshOne(@ForAll @Size(max = 12) List<@From("combinedLines") String> lines,
                                          @ForAll("mutations") Mutation mutation, @ForAll boolean common) {
        LineFormat format = FormatTesting.format(common ? "common" : "combined");
        ParsedLine reused = new ParsedLine();
        for (String line : lines) {
            byte[] bytes = mutation.apply(line);
            ParsedLine fresh = FormatTesting.parse(format, bytes);
            // In a block the line is followed by more bytes, which a scan may read but must not use: quotes here.
            byte[] block = new byte[bytes.length + 19];
            java.util.Arrays.fill(block, (byte) '"');
            System.arraycopy(bytes, 0, block, 3, bytes.length);
            boolean parsed = format.parse(block, 3, 3 + bytes.length, reused);
            assertThat(line, parsed, is(fresh.error() == null));
            assertThat(line, reused.error(), is(fresh.error()));
            assertThat(line, FormatTesting.fields(reused), is(FormatTesting.fields(fresh)));
            for (Field field : Field.values()) {
                long known = reused.knownHash(field);
                if (known >= 0) {
                    int s = reused.start(field);
                    int e = reused.end(field);
                    assertThat(line, (int) known, is(KeyHash.of(Swar.partialWord(block, s, e), Swar.partialWord(block, s + 8, e),
                                                                 block, s, e)));
                }
            }
        }
    }

    // ------------------------------------------------------------------ syslog

    @Provide
    Arbitrary<String> rfc3164Lines() {
        Arbitrary<String> pri = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(0, 191)
                .map(p -> "<" + p + ">"));
        Arbitrary<String> ts = Arbitraries.oneOf(formatted("MMM dd HH:mm:ss", List.of("Z")),
                                                 formatted("MMM ppd HH:mm:ss", List.of("Z")), isoTimestamp());
        Arbitrary<String> tag = Arbitraries.of("", "su: ", "sshd[1234]: ", "kernel: ", "app[]: ", "[x]: ", "postfix/smtpd[7]:");
        return Combinators.combine(pri, ts, Arbitraries.of("web01", "10.0.0.99", "CST"), tag, text())
                .as((p, t, host, tg, msg) -> p + t + " " + host + " " + tg + msg);
    }

    @Property(tries = TRIES)
    void rfc3164Agrees(@ForAll("rfc3164Lines") String line, @ForAll("mutations") Mutation mutation) {
        agree("syslog-rfc3164", mutation.apply(line));
    }

    @Provide
    Arbitrary<String> rfc5424Lines() {
        // values as RFC 5424 escapes them, or with the real world's bare quotes and brackets
        Arbitrary<String> rawValue = chars("abc 019\"\\]=[", 0, 8);
        Arbitrary<String> value = Arbitraries.oneOf(
                rawValue.map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]") + "\""),
                rawValue.map(v -> "\"" + v + "\""), chars("abc019.-\"", 1, 6));
        Arbitrary<String> param = Combinators.combine(Arbitraries.of("iut", "eventID", "class", "a", "x-pid"),
                                                      Arbitraries.of("=", "=", "= "), value)
                .as((n, eq, v) -> " " + n + eq + v);
        Arbitrary<String> element = Combinators.combine(Arbitraries.of("exampleSDID@32473", "meta", "x@1", "my id", ""),
                                                        param.list().ofMaxSize(3), Arbitraries.of("]", "]", " ]", ""))
                .as((id, params, close) -> "[" + id + String.join("", params) + close);
        Arbitrary<String> sd = Arbitraries.oneOf(Arbitraries.of("-", "", "[incorrect x]", "[]"),
                                                 element.list().ofMinSize(1).ofMaxSize(2).map(list -> String.join("", list)));
        Arbitrary<String> header = Combinators.combine(Arbitraries.integers().between(0, 191),
                                                       Arbitraries.of("1", "1", "", "01", "2"),
                                                       Arbitraries.oneOf(Arbitraries.just("-"), isoTimestamp()),
                                                       Arbitraries.of("-", "mymachine.example.com"),
                                                       Arbitraries.of("-", "su", "evntslog"),
                                                       Arbitraries.of("-", "8710"),
                                                       Arbitraries.of(" ", " ", "  "))
                .as((p, version, ts, host, app, pid, sp) -> "<" + p + ">" + version + " " + ts + sp + host + " " + app + sp
                                                            + pid);
        Arbitrary<String> msg = Arbitraries.oneOf(Arbitraries.just(""), text().map(t -> " " + t),
                                                  text().map(t -> " \uFEFF" + t), text().map(t -> "  " + t), text());
        return Combinators.combine(header, Arbitraries.of("-", "ID47"), sd, msg)
                .as((h, msgid, s, m) -> h + " " + msgid + " " + s + m);
    }

    @Property(tries = TRIES)
    void rfc5424Agrees(@ForAll("rfc5424Lines") String line, @ForAll("mutations") Mutation mutation) {
        agree("syslog-rfc5424", mutation.apply(line));
    }

    // ------------------------------------------------------------------ application logs

    @Provide
    Arbitrary<String> klogLines() {
        return Combinators.combine(Arbitraries.of("I", "W", "E", "F"), formatted("MMdd HH:mm:ss.SSSSSS", List.of("Z")),
                                   Arbitraries.of(" ", "   ", "       "), Arbitraries.integers().between(0, 99999),
                                   Arbitraries.of("main.go:42", "reflector.go:138", "x.go:1"),
                                   Arbitraries.oneOf(Arbitraries.just(""), text().map(t -> " " + t)))
                .as((level, ts, pad, pid, source, msg) -> level + ts + pad + pid + " " + source + "]" + msg);
    }

    @Property(tries = TRIES)
    void klogAgrees(@ForAll("klogLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("klog", mutation.apply(line));
    }

    @Provide
    Arbitrary<String> log4jLines() {
        Arbitrary<String> head = Arbitraries.oneOf(formatted("yyyy-MM-dd HH:mm:ss,SSS", List.of("Z")), isoTimestamp(),
                                                   formatted("HH:mm:ss.SSS", List.of("Z")),
                                                   Arbitraries.integers().between(0, 99999).map(String::valueOf));
        Arbitrary<String> level = Arbitraries.of("INFO ", "WARN ", "ERROR", "DEBUG", "TRACE", "FATAL", "info");
        Arbitrary<String> thread = Arbitraries.of("main", "pool-1-thread-2", "Timer 0", "", "a]b");
        return Combinators.combine(head, level, thread, Arbitraries.of("com.example.App", "c.e.web.Controller"),
                                   Arbitraries.of(" -", " - ", "  - "), text(), Arbitraries.of(true, false))
                .as((h, l, t, logger, dash, msg, levelFirst) -> h + " " + (levelFirst ? l + " [" + t + "]" : "[" + t + "] " + l)
                                                               + " " + logger + dash + (dash.endsWith(" ") ? msg : ""));
    }

    @Property(tries = TRIES)
    void log4jAgrees(@ForAll("log4jLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("log4j", mutation.apply(line));
    }

    @Provide
    Arbitrary<String> pythonLines() {
        Arbitrary<String> level = Arbitraries.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");
        Arbitrary<String> logger = Arbitraries.of("app.db", "root", "__main__");
        Arbitrary<String> asctime = formatted("yyyy-MM-dd HH:mm:ss,SSS", List.of("Z"));
        return Combinators.combine(asctime, level, logger, text(), Arbitraries.integers().between(0, 3))
                .as((ts, l, name, msg, layout) -> switch (layout) {
                    case 0 -> ts + " - " + name + " - " + l + " - " + msg;
                    case 1 -> ts + " - " + l + " - " + name + " - " + msg;
                    case 2 -> ts + " " + l + " " + name + " " + msg;
                    default -> l + ":" + name + ":" + msg;
                });
    }

    @Property(tries = TRIES)
    void pythonAgrees(@ForAll("pythonLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("python", mutation.apply(line));
    }

    // ------------------------------------------------------------------ error logs

    @Provide
    Arbitrary<String> nginxLines() {
        Arbitrary<String> context = Combinators.combine(Arbitraries.of("192.168.1.10", ""), Arbitraries.of("localhost", ""),
                                                        request(), Arbitraries.of("example.com", "a\"b"),
                                                        Arbitraries.integers().between(0, 3))
                .as((client, server, request, host, shape) -> switch (shape) {
                    case 0 -> "";
                    case 1 -> ", client: " + client + ", server: " + server;
                    case 2 -> ", client: " + client + ", server: " + server + ", request: \"" + request + "\", host: \""
                              + host + "\"";
                    default -> ", client: " + client + ", upstream: \"http://127.0.0.1:8080/x\", referrer: \"" + host + "\"";
                });
        return Combinators.combine(formatted("yyyy/MM/dd HH:mm:ss", List.of("Z")),
                                   Arbitraries.of("error", "notice", "warn", "crit", "emerg", "debug"),
                                   Arbitraries.integers().between(1, 99999), Arbitraries.of("", " *67", " *1"), text(),
                                   context)
                .as((ts, level, pid, cid, msg, ctx) -> ts + " [" + level + "] " + pid + "#" + pid + ":" + cid
                                                       + (msg.isEmpty() && ctx.isEmpty() ? "" : " " + msg + ctx));
    }

    @Property(tries = TRIES)
    void nginxErrorAgrees(@ForAll("nginxLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("nginx-error", mutation.apply(line));
    }

    @Provide
    Arbitrary<String> apacheLines() {
        Arbitrary<String> ts = Arbitraries.oneOf(formatted("EEE MMM dd HH:mm:ss yyyy", List.of("Z")),
                                                 formatted("EEE MMM dd HH:mm:ss.SSSSSS yyyy", List.of("Z")));
        Arbitrary<String> level = Arbitraries.of("[error]", "[core:error]", "[mpm_event:notice]", "[ssl:trace3]", "[warn]");
        Arbitrary<String> pid = Arbitraries.of("", " [pid 35708:tid 4328636416]", " [pid 1]");
        Arbitrary<String> client = Arbitraries.of("", " [client 72.15.99.187]", " [client 10.0.0.1:48152]",
                                                  " [client ::1:41234]");
        Arbitrary<String> msg = Arbitraries.oneOf(Arbitraries.just(""), text().map(t -> " " + t),
                                                  text().map(t -> " " + t + ", referer: http://example.com/"));
        return Combinators.combine(ts, level, pid, client, msg).as((t, l, p, c, m) -> "[" + t + "] " + l + p + c + m);
    }

    @Property(tries = TRIES)
    void apacheErrorAgrees(@ForAll("apacheLines") String line, @ForAll("mutations") Mutation mutation) {
        agree("apache-error", mutation.apply(line));
    }

    // ------------------------------------------------------------------ logfmt

    /** Keys the fast parser maps to normalised fields; the reference maps only msg, level and status. */
    private static final Set<String> MAPPED = Set.of("@timestamp", "timestamp", "time", "ts", "datetime", "log.level",
            "severity", "lvl", "levelname", "loglevel", "at", "message", "event", "log", "host", "hostname", "host.name",
            "host.hostname", "app", "application", "service.name", "name", "pid", "process.pid", "client", "client_ip",
            "clientip", "remote_addr", "remote_ip", "client.ip", "source.ip", "ip", "method", "request_method",
            "http_method", "http.request.method", "path", "uri", "request_uri", "url.path", "query", "query_string",
            "url.query", "protocol", "proto", "server_protocol", "status_code", "statusCode", "http.response.status_code",
            "bytes", "bytes_sent", "body_bytes_sent", "size", "http.response.body.bytes", "referer", "referrer",
            "http_referer", "http.request.referrer", "user_agent", "userAgent", "http_user_agent", "user_agent.original",
            "duration", "duration_ms", "elapsed", "elapsed_ms", "took", "latency", "latency_ms", "response_time",
            "responseTime", "request_time", "duration_s", "duration_seconds", "elapsed_s", "duration_us",
            "duration_micros", "event.duration", "duration_ns");

    @Provide
    Arbitrary<String> logfmtLines() {
        Arbitrary<String> value = Arbitraries.oneOf(word(), text().map(t -> "\"" + t.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\""), Arbitraries.of("", "\"a\\nb\\tc\\x\"", "30", "info", "WARN", "404", "0012"));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of("msg", "level", "status", "user", "id", "dyno", "fwd",
                                                                    "k", "cl\u00e9"), value)
                .as((k, v) -> k + "=" + v);
        Arbitrary<String> token = Arbitraries.oneOf(pair, pair, Arbitraries.of("bare", "flag"));
        return Combinators.combine(pair, token.list().ofMaxSize(5), Arbitraries.of(" ", "  "))
                .as((first, rest, sep) -> first + (rest.isEmpty() ? "" : sep + String.join(sep, rest)));
    }

    @Property(tries = TRIES)
    void logfmtAgrees(@ForAll("logfmtLines") String line, @ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(line);
        List<String> keys = ReferenceParsers.logfmtKeys(new String(mutated, StandardCharsets.UTF_8));
        Assume.that(keys.stream().noneMatch(MAPPED::contains));
        agree("logfmt", mutated);
    }
}
