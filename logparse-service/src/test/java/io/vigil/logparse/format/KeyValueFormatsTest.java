package io.vigil.logparse.format;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class KeyValueFormatsTest {
    private final LineFormat logfmt = format("logfmt");
    private final LineFormat json = format("json");

    @Test
    void logfmtHerokuRouter() {
        assertParses(logfmt, "at=info method=GET path=/ host=mutelight.org fwd=\"124.133.52.161\" dyno=web.2 connect=4ms "
                             + "service=8ms status=200 bytes=1653",
                     "level", "INFO", "method", "GET", "path", "/", "host", "mutelight.org", "fwd", "124.133.52.161",
                     "dyno", "web.2", "connect", "4ms", "service", "8ms", "status", "200", "bytes", "1653");
    }

    @Test
    void logfmtLogrus() {
        assertParses(logfmt, "time=\"2024-03-14T10:15:30Z\" level=warning msg=\"The group's number increased "
                             + "tremendously!\" number=122 omg=true",
                     "ts", "2024-03-14T10:15:30Z", "level", "WARN",
                     "msg", "The group's number increased tremendously!", "number", "122", "omg", "true");
    }

    @Test
    void logfmtEscapesBareKeysAndEmptyValues() {
        assertParses(logfmt, "  level=info msg=\"say \\\"hi\\\"\\tnow\\\\n \\x\" empty= bare  cl\u00e9=valeur ",
                     "level", "INFO", "msg", "say \"hi\"\tnow\\n \\x", "empty", "", "bare", "", "cl\u00e9", "valeur");
    }

    @Test
    void logfmtDurationsAndConversions() {
        assertThat(parse(logfmt, "duration=1.5s").durationMicros(), is(1_500_000L));
        assertThat(parse(logfmt, "took=250").durationMicros(), is(250_000L));
        assertThat(parse(logfmt, "request_time=0.25").durationMicros(), is(250_000L));
        assertThat(parse(logfmt, "latency=12\u00b5s").durationMicros(), is(12L));
        assertThat(parse(logfmt, "duration_ns=1500").durationMicros(), is(1L));
        assertThat(parse(logfmt, "duration_us=7").durationMicros(), is(7L));
        assertThat(parse(logfmt, "elapsed=2m").durationMicros(), is(120_000_000L));
        assertParses(logfmt, "duration=fast status=ok level=loud bytes=-1 ts=yesterday path=/a?b=c uri=/d",
                     "duration", "fast", "status", "ok", "level", "loud", "bytes", "-1", "ts", "yesterday",
                     "path", "/a", "query", "b=c", "uri", "/d");
        assertParses(logfmt, "duration=99999999999999999h status=1000 time=1710411330.5",
                     "duration", "99999999999999999h", "status", "1000", "ts", "2024-03-14T10:15:30.500Z");
    }

    @Test
    void logfmtMalformed() {
        assertMalformed(logfmt, "hello world", Reasons.BAD_LOGFMT);
        assertMalformed(logfmt, "\"quoted\" key=value", Reasons.BAD_LOGFMT);
        assertMalformed(logfmt, "=value", Reasons.BAD_LOGFMT);
        assertMalformed(logfmt, "a=1 b\"c", Reasons.BAD_LOGFMT);
        assertMalformed(logfmt, "   ", Reasons.BAD_LOGFMT);
        assertMalformed(logfmt, "msg=\"unterminated", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(logfmt, "msg=\"x\\\"", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(logfmt, "msg=\"x\"y", Reasons.BAD_SYNTAX);
    }

    @Test
    void jsonPino() {
        assertParses(json, "{\"level\":30,\"time\":1531171074631,\"pid\":657,\"hostname\":\"box\",\"msg\":\"hello world\"}",
                     "level", "INFO", "ts", "2018-07-09T21:17:54.631Z", "pid", "657", "host", "box", "msg", "hello world");
    }

    @Test
    void jsonBunyan() {
        assertParses(json, "{\"name\":\"myapp\",\"hostname\":\"banana.local\",\"pid\":40161,\"level\":50,\"msg\":\"hi\","
                           + "\"time\":\"2013-01-04T18:46:23.851Z\",\"v\":0}",
                     "app", "myapp", "host", "banana.local", "pid", "40161", "level", "ERROR", "msg", "hi",
                     "ts", "2013-01-04T18:46:23.851Z", "v", "0");
    }

    @Test
    void jsonEcsWithNestedObjects() {
        assertParses(json, "{\"@timestamp\":\"2024-03-14T10:15:30.123Z\",\"log.level\":\"error\",\"message\":\"Connection "
                           + "refused\",\"ecs.version\":\"1.6.0\",\"service.name\":\"checkout\",\"process.pid\":4242,"
                           + "\"log\":{\"logger\":\"db.pool\",\"origin\":{\"file\":{\"line\":42}}},"
                           + "\"error\":{\"type\":\"java.net.ConnectException\"}}",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "ERROR", "msg", "Connection refused",
                     "ecs.version", "1.6.0", "app", "checkout", "pid", "4242", "log.logger", "db.pool",
                     "log.origin.file.line", "42", "error.type", "java.net.ConnectException");
        assertParses(json, "{\"log\":{\"level\":\"warn\"},\"http\":{\"request\":{\"method\":\"PUT\"},"
                           + "\"response\":{\"status_code\":503}},\"url\":{\"path\":\"/x\"},\"event\":{\"duration\":2500000}}",
                     "level", "WARN", "method", "PUT", "status", "503", "path", "/x", "durationMicros", "2500");
    }

    @Test
    void jsonLogstash() {
        assertParses(json, "{\"@timestamp\":\"2024-03-14T10:15:30.123+01:00\",\"@version\":\"1\",\"message\":\"Started\","
                           + "\"logger_name\":\"com.example.App\",\"thread_name\":\"main\",\"level\":\"INFO\","
                           + "\"level_value\":20000}",
                     "ts", "2024-03-14T09:15:30.123Z", "@version", "1", "msg", "Started", "logger_name", "com.example.App",
                     "thread_name", "main", "level", "INFO", "level_value", "20000");
    }

    @Test
    void jsonDockerAndStructlog() {
        assertParses(json, "{\"log\":\"Listening on :8080\\n\",\"stream\":\"stderr\","
                           + "\"time\":\"2019-01-01T11:11:11.111111111Z\"}",
                     "msg", "Listening on :8080", "stream", "stderr", "ts", "2019-01-01T11:11:11.111Z");
        assertParses(json, "{\"event\": \"user logged in\", \"level\": \"info\", \"timestamp\": \"2024-03-14T10:15:30.123456Z\", "
                           + "\"user\": \"alice\"}",
                     "msg", "user logged in", "level", "INFO", "ts", "2024-03-14T10:15:30.123Z", "user", "alice");
    }

    @Test
    void jsonHttpFieldsAndEpochs() {
        assertParses(json, "{\"remote_addr\":\"1.2.3.4\",\"request_method\":\"GET\",\"request_uri\":\"/a?b=c\","
                           + "\"status\":\"404\",\"body_bytes_sent\":12,\"request_time\":\"0.005\","
                           + "\"http_user_agent\":\"curl\",\"ts\":1710411330.5}",
                     "client", "1.2.3.4", "method", "GET", "path", "/a", "query", "b=c", "status", "404", "bytes", "12",
                     "durationMicros", "5000", "userAgent", "curl", "ts", "2024-03-14T10:15:30.500Z");
        assertThat(parse(json, "{\"time\":1710411330123456}").timestampMillis(), is(1_710_411_330_123L));
        assertThat(parse(json, "{\"time\":1710411330123456789}").timestampMillis(), is(1_710_411_330_123L));
        assertParses(json, "{\"msg\":\"first\",\"message\":\"second\",\"level\":\"loud\",\"status\":\"ok\"}",
                     "msg", "first", "message", "second", "level", "loud", "status", "ok");
    }

    @Test
    void jsonEscapesArraysLiteralsAndDepth() {
        assertParses(json, "  { \"msg\" : \"caf\\u00e9 \\ud83d\\ude00 \\ud800 \\/\\b\\f\\r\\t\" , \"arr\" : [1,{\"a\":\"]\"}], "
                           + "\"n\":null, \"t\":true, \"f\":-1.5e3, \"a\\\"b\":false, "
                           + "\"d\":{\"e\":{\"f\":{\"g\":{\"h\":1}}}} }  ",
                     "msg", "caf\u00e9 \uD83D\uDE00 \uFFFD /\b\f\r\t", "arr", "[1,{\"a\":\"]\"}]", "t", "true",
                     "f", "-1.5e3", "a\"b", "false", "d.e.f.g", "{\"h\":1}");
        assertParses(json, "{}");
    }

    @Test
    void jsonMalformed() {
        assertMalformed(json, "", Reasons.TRUNCATED);
        assertMalformed(json, "[1,2]", Reasons.BAD_JSON);
        assertMalformed(json, "{\"msg\":\"x\"", Reasons.BAD_JSON);
        assertMalformed(json, "{\"msg\":\"x", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(json, "{\"msg", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(json, "{\"a\":tru}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":\"\\x\"}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":\"\\u12\"}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":\"\\", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(json, "{\"a\" 1}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":1}x", Reasons.BAD_JSON);
        assertMalformed(json, "{a:1}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":[1,2", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":[\"1,2", Reasons.UNTERMINATED_QUOTE);
        assertMalformed(json, "{\"a\":1 \"b\":2}", Reasons.BAD_JSON);
        assertMalformed(json, "{\"a\":{\"b\":1,}}", Reasons.BAD_JSON);
    }
}
