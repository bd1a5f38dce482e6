package io.vigil.gateway.http1;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResponseHeadTest {
    @Test
    void aFixedLengthResponseOnAKeptAliveConnection() throws IOException {
        Http1Reader reader = reader("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhelloNEXT");

        ResponseHead head = ResponseHead.read(reader);
        ResponseBody body = ResponseBody.of(reader, head, false);

        assertThat(head.status(), is(200));
        assertThat(head.contentLength(), is(5L));
        assertThat(head.keepAlive(), is(true));
        assertThat(head.headers().get(0).get(), is("text/plain"));
        assertThat(text(body), is("hello"));
        assertThat(body.complete(), is(true));
        assertThat("the next response is left in place", reader.hasLeftover(), is(true));
    }

    @Test
    void chunksAreJoinedAndTrailersDropped() throws IOException {
        Http1Reader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                                            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

        ResponseHead head = ResponseHead.read(reader);
        ResponseBody body = ResponseBody.of(reader, head, false);

        assertThat(head.chunked(), is(true));
        assertThat(head.keepAlive(), is(true));
        assertThat(text(body), is("hello world"));
        assertThat(body.complete(), is(true));
        assertThat(reader.hasLeftover(), is(false));
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws IOException {
        Http1Reader reader = reader("HTTP/1.0 200 OK\nServer: old\n\neverything until the end");

        ResponseHead head = ResponseHead.read(reader);
        ResponseBody body = ResponseBody.of(reader, head, false);

        assertThat(head.untilClose(), is(true));
        assertThat(head.keepAlive(), is(false));
        assertThat(text(body), is("everything until the end"));
        assertThat(body.complete(), is(true));
    }

    @Test
    void interimResponsesAreSkippedAndSomeResponsesHaveNoBody() throws IOException {
        Http1Reader reader = reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");

        ResponseHead head = ResponseHead.read(reader);

        assertThat(head.status(), is(204));
        assertThat(head.hasBody(false), is(false));
        assertThat(ResponseBody.of(reader, head, false).read(new byte[1], 0, 1), is(-1));
        ResponseHead ok = ResponseHead.read(reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"));
        assertThat("HEAD responses have no body", ok.hasBody(true), is(false));
    }

    @Test
    void connectionCloseAndConflictingFramingPreventReuse() throws IOException {
        assertThat(ResponseHead.read(reader("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")).keepAlive(),
                   is(false));
        assertThat(ResponseHead.read(reader("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"))
                           .keepAlive(), is(true));
        ResponseHead smuggled = ResponseHead.read(reader("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
                                                                 + "Transfer-Encoding: chunked\r\n\r\n"));
        assertThat(smuggled.chunked(), is(true));
        assertThat(smuggled.keepAlive(), is(false));
        assertThat(ResponseHead.read(reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n")).untilClose(), is(true));
    }

    @Test
    void malformedResponsesAreProtocolErrors() {
        assertBroken("SSH-2.0-OpenSSH\r\n\r\n", "not HTTP/1.x");
        assertBroken("HTTP/1.1 2x0 OK\r\n\r\n", "not a number");
        assertBroken("HTTP/1.1 099 Low\r\n\r\n", "malformed");
        assertBroken("HTTP/1.1 101 Switching\r\n\r\n", "switched protocols");
        assertBroken("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length");
        assertBroken("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "invalid Content-Length");
        assertBroken("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", "invalid Content-Length");
        assertBroken("HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n", "malformed header line");
        assertBroken("HTTP/1.1 200 OK\r\nBad Name: b\r\n\r\n", "malformed header name");
        assertBroken("HTTP/1.1 200 OK\r\nNo-Colon\r\n\r\n", "malformed header line");
        assertBroken("HTTP/1.1 200 OK\r\nX: " + "x".repeat(20_000) + "\r\n\r\n", "longer than");
        assertBroken("HTTP/1.1 200 OK\r\n" + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(2_000) + "\r\n",
                     "larger than");
    }

    @Test
    void chunkFramingErrorsAndEarlyEndsAreFailures() throws IOException {
        assertBodyFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", ProtocolException.class);
        assertBodyFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", ProtocolException.class);
        assertBodyFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", ProtocolException.class);
        assertBodyFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", EOFException.class);
        assertBodyFails("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", EOFException.class);
        EOFException silent = assertThrows(EOFException.class, () -> ResponseHead.read(reader("")));
        assertThat(silent.getMessage(), containsString("without answering"));
        EOFException cut = assertThrows(EOFException.class, () -> ResponseHead.read(reader("HTTP/1.1 200 OK\r\nA: b")));
        assertThat(cut.getMessage(), containsString("in the middle of a response"));
    }

    @Test
    void availableNeverPromisesMoreThanTheBody() throws IOException {
        Http1Reader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabcdef");
        ResponseBody body = ResponseBody.of(reader, ResponseHead.read(reader), false);

        assertThat(body.available(), is(2));
        assertThat(body.read(), is((int) 'a'));
        assertThat(body.read(new byte[0], 0, 0), is(0));
        assertThat(body.read(), is((int) 'b'));
        assertThat(body.available(), is(0));
        assertThat(body.read(), is(-1));
    }

    private static void assertBroken(String response, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ResponseHead.read(reader(response)));
        assertThat(e.getMessage(), containsString(message));
    }

    private static void assertBodyFails(String response, Class<? extends IOException> failure) throws IOException {
        Http1Reader reader = reader(response);
        ResponseBody body = ResponseBody.of(reader, ResponseHead.read(reader), false);
        assertThrows(failure, () -> text(body));
    }

    private static Http1Reader reader(String text) {
        return new Http1Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), 16 * 1024);
    }

    private static String text(ResponseBody body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
