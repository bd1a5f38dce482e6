package io.vigil.logparse.format;

import org.junit.jupiter.api.Test;

import static io.vigil.logparse.format.FormatTesting.assertMalformed;
import static io.vigil.logparse.format.FormatTesting.assertParses;
import static io.vigil.logparse.format.FormatTesting.format;
import static io.vigil.logparse.format.FormatTesting.parse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ErrorLogFormatsTest {
    private final LineFormat nginx = format("nginx-error");
    private final LineFormat apache = format("apache-error");

    @Test
    void nginxWithConnectionAndContext() {
        assertParses(nginx, "2024/03/14 10:15:30 [error] 12345#12345: *67 open() \"/usr/share/nginx/html/favicon.ico\" "
                            + "failed (2: No such file or directory), client: 192.168.1.10, server: localhost, "
                            + "request: \"GET /favicon.ico HTTP/1.1\", host: \"example.com\", referrer: \"http://example.com/\"",
                     "ts", "2024-03-14T10:15:30Z", "level", "ERROR", "pid", "12345", "tid", "12345", "cid", "67",
                     "msg", "open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory)",
                     "client", "192.168.1.10", "server", "localhost", "method", "GET", "path", "/favicon.ico",
                     "protocol", "HTTP/1.1", "host", "example.com", "referer", "http://example.com/");
    }

    @Test
    void nginxUpstreamContext() {
        assertParses(nginx, "2024/03/14 10:15:32 [error] 31#31: *1 upstream timed out (110: Connection timed out) while "
                            + "reading response header from upstream, client: 10.0.0.1, server: api.example.com, "
                            + "request: \"POST /v1/upload?x=1 HTTP/1.1\", upstream: \"http://127.0.0.1:8080/v1/upload?x=1\", "
                            + "host: \"api.example.com\"",
                     "ts", "2024-03-14T10:15:32Z", "level", "ERROR", "pid", "31", "tid", "31", "cid", "1",
                     "msg", "upstream timed out (110: Connection timed out) while reading response header from upstream",
                     "client", "10.0.0.1", "server", "api.example.com", "method", "POST", "path", "/v1/upload",
                     "query", "x=1", "protocol", "HTTP/1.1", "upstream", "http://127.0.0.1:8080/v1/upload?x=1",
                     "host", "api.example.com");
    }

    @Test
    void nginxWithoutConnectionId() {
        assertParses(nginx, "2024/03/14 10:15:31 [notice] 1#1: using the \"epoll\" event method",
                     "ts", "2024-03-14T10:15:31Z", "level", "INFO", "pid", "1", "tid", "1",
                     "msg", "using the \"epoll\" event method");
        assertParses(nginx, "2024/03/14 10:15:31 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)",
                     "ts", "2024-03-14T10:15:31Z", "level", "FATAL", "pid", "1", "tid", "1",
                     "msg", "bind() to 0.0.0.0:80 failed (98: Address already in use)");
        assertParses(nginx, "2024/03/14 10:15:31 [warn] 7#7:", "ts", "2024-03-14T10:15:31Z", "level", "WARN",
                     "pid", "7", "tid", "7");
    }

    @Test
    void nginxKeepsMessageWholeWhenContextIsNotWellFormed() {
        ParsedLine out = parse(nginx, "2024/03/14 10:15:31 [crit] 1#1: *2 odd, client: \"unterminated, server: x");
        assertThat(out.string(Field.MSG), is("odd, client: \"unterminated, server: x"));
        assertThat(!out.has(Field.CLIENT), is(true));
        assertThat(out.level(), is(Level.FATAL));
        ParsedLine empty = parse(nginx, "2024/03/14 10:15:31 [error] 1#1: *2 x, client: 1.2.3.4, host: ");
        assertThat(empty.string(Field.MSG), is("x"));
        assertThat(empty.string(Field.HOST), is(""));
    }

    @Test
    void nginxMalformed() {
        assertMalformed(nginx, "2024/03/14 10:15:31", Reasons.TRUNCATED);
        assertMalformed(nginx, "2024/03/14", Reasons.TRUNCATED);
        assertMalformed(nginx, "2024/13/14 10:15:31 [error] 1#1: x", Reasons.BAD_TIMESTAMP);
        assertMalformed(nginx, "2024/03/14 10:15:31 [oops] 1#1: x", Reasons.BAD_LEVEL);
        assertMalformed(nginx, "2024/03/14 10:15:31 [error 1#1: x", Reasons.TRUNCATED);
        assertMalformed(nginx, "2024/03/14 10:15:31 error 1#1: x", Reasons.BAD_SYNTAX);
        assertMalformed(nginx, "2024/03/14 10:15:31 [error] pid", Reasons.TRUNCATED);
        assertMalformed(nginx, "2024/03/14 10:15:31 [error]1#1: x", Reasons.BAD_SYNTAX);
        assertMalformed(nginx, "2024/03/14 10:15:31 [error] a#1: x", Reasons.BAD_NUMBER);
        assertMalformed(nginx, "2024/03/14 10:15:31 [error] 1#1: *x y", Reasons.BAD_NUMBER);
        assertMalformed(nginx, "2024/03/14 10:15:31 [error] 1#1:x", Reasons.BAD_SYNTAX);
    }

    @Test
    void apache24FromDocs() {
        assertParses(apache, "[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] "
                             + "[client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico",
                     "ts", "2011-09-09T10:42:29.902Z", "level", "ERROR", "module", "core", "pid", "35708",
                     "tid", "4328636416", "client", "72.15.99.187",
                     "msg", "File does not exist: /usr/local/apache2/htdocs/favicon.ico");
    }

    @Test
    void apache24WithPortAndReferer() {
        assertParses(apache, "[Thu Mar 14 10:15:30.123456 2024] [proxy_fcgi:error] [pid 1234:tid 5678] "
                             + "[client 10.0.0.1:48152] AH01071: Got error 'Primary script unknown', "
                             + "referer: http://example.com/index.php",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "ERROR", "module", "proxy_fcgi", "pid", "1234",
                     "tid", "5678", "client", "10.0.0.1", "clientPort", "48152",
                     "msg", "AH01071: Got error 'Primary script unknown'", "referer", "http://example.com/index.php");
        assertParses(apache, "[Thu Mar 14 10:15:30.123456 2024] [ssl:trace3] [pid 1] [client ::1:41234] x",
                     "ts", "2024-03-14T10:15:30.123Z", "level", "TRACE", "module", "ssl", "pid", "1",
                     "client", "::1", "clientPort", "41234", "msg", "x");
    }

    @Test
    void apache24WithoutClient() {
        assertParses(apache, "[Sun Mar 10 04:47:44.123456 2024] [mpm_event:notice] [pid 1:tid 140000] AH00489: "
                             + "Apache/2.4.58 (Unix) configured -- resuming normal operations",
                     "ts", "2024-03-10T04:47:44.123Z", "level", "INFO", "module", "mpm_event", "pid", "1",
                     "tid", "140000", "msg", "AH00489: Apache/2.4.58 (Unix) configured -- resuming normal operations");
    }

    @Test
    void apache22FromDocs() {
        assertParses(apache, "[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server "
                             + "configuration: /export/home/live/ap/htdocs/test",
                     "ts", "2000-10-11T14:32:52Z", "level", "ERROR", "client", "127.0.0.1",
                     "msg", "client denied by server configuration: /export/home/live/ap/htdocs/test");
        assertParses(apache, "[Wed Oct  1 14:32:52 2000] [warn] [client ::1] x", "ts", "2000-10-01T14:32:52Z",
                     "level", "WARN", "client", "::1", "msg", "x");
    }

    @Test
    void apacheUsesTheConfiguredZone() {
        LineFormat paris = format("apache-error", FormatTesting.at("2024-03-20T12:00:00Z", "Europe/Paris"));
        ParsedLine out = parse(paris, "[Wed Jul 11 14:32:52 2001] [error] x");
        assertThat(java.time.Instant.ofEpochMilli(out.timestampMillis()).toString(), is("2001-07-11T12:32:52Z"));
    }

    @Test
    void apacheMalformed() {
        assertMalformed(apache, "Wed Oct 11 14:32:52 2000 [error] x", Reasons.BAD_SYNTAX);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000", Reasons.TRUNCATED);
        assertMalformed(apache, "[Wed Oct 32 14:32:52 2000] [error] x", Reasons.BAD_TIMESTAMP);
        assertMalformed(apache, "[Wed Oct 11 14:32:52.x 2000] [error] x", Reasons.BAD_TIMESTAMP);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000]", Reasons.TRUNCATED);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] error", Reasons.BAD_SYNTAX);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] [error", Reasons.TRUNCATED);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] [core:bogus] x", Reasons.BAD_LEVEL);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] [error]x", Reasons.BAD_SYNTAX);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] [error] [pid x] y", Reasons.BAD_NUMBER);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] [error] [pid 1", Reasons.TRUNCATED);
        assertMalformed(apache, "[Wed Oct 11 14:32:52 2000] [error] [client 1.2.3.4", Reasons.TRUNCATED);
        assertMalformed(apache, "", Reasons.BAD_SYNTAX);
    }
}
