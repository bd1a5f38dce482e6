package io.vigil.gateway.http1;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;

/**
 * The status line and headers of an upstream's response, and how its body is framed (RFC 9112 section 6).
 *
 * @param status        status code
 * @param headers       all header fields, in order
 * @param contentLength body length from {@code Content-Length}, or {@link #UNKNOWN_LENGTH}
 * @param chunked       whether the body is chunked
 * @param keepAlive     whether the connection may carry another request after this response
 */
public record ResponseHead(int status, List<Header> headers, long contentLength, boolean chunked, boolean keepAlive) {
    /** {@link #contentLength()} when there is no {@code Content-Length}. */
    public static final long UNKNOWN_LENGTH = -1;

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_FIELDS = 256;

    /**
     * Creates a response head.
     */
    public ResponseHead {
        headers = List.copyOf(headers);
    }

    /**
     * Reads a final response head, skipping interim 1xx responses.
     *
     * @param reader the connection's reader
     * @return the head
     * @throws ProtocolException when the upstream does not speak HTTP/1.x properly
     * @throws IOException       when reading fails
     */
    public static ResponseHead read(Http1Reader reader) throws IOException {
        while (true) {
            ResponseHead head = readOne(reader);
            if (head.status() >= 200) {
                return head;
            }
            if (head.status() == 101) {
                throw new ProtocolException("the upstream switched protocols without being asked to");
            }
        }
    }

    /**
     * Whether a body follows the head.
     *
     * @param headRequest whether the request was {@code HEAD}
     * @return {@code false} for HEAD, 1xx, 204 and 304 responses, and for an empty fixed-length body
     */
    public boolean hasBody(boolean headRequest) {
        return !headRequest && status != 204 && status != 304 && status >= 200 && contentLength != 0;
    }

    /**
     * The first value of a header field.
     *
     * @param name the field's name
     * @return its value, or {@code null} when the head has none
     */
    public String header(HeaderName name) {
        for (Header header : headers) {
            if (header.headerName().equals(name)) {
                return header.get();
            }
        }
        return null;
    }

    /**
     * Whether the body ends only when the upstream closes the connection.
     *
     * @return {@code true} when neither chunked nor of known length
     */
    public boolean untilClose() {
        return !chunked && contentLength == UNKNOWN_LENGTH;
    }

    private static ResponseHead readOne(Http1Reader reader) throws IOException {
        String statusLine = reader.readLine(MAX_LINE);
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("the upstream's status line is not HTTP/1.x: " + printable(statusLine));
        }
        int status = statusCode(statusLine);
        boolean http11 = statusLine.charAt(7) == '1';
        Framing framing = new Framing();
        List<Header> headers = new ArrayList<>(12);
        int size = statusLine.length();
        while (true) {
            int length = reader.line(MAX_LINE);
            if (length == 0) {
                reader.skipLine();
                break;
            }
            size += length + 2;
            if (size > MAX_HEAD || headers.size() >= MAX_FIELDS) {
                throw new ProtocolException("the upstream's response head is larger than " + MAX_HEAD + " bytes");
            }
            Header header = field(reader, length);
            reader.skipLine();
            framing.see(header);
            headers.add(header);
        }
        return framing.head(status, headers, http11);
    }

    private static int statusCode(String statusLine) throws ProtocolException {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("the upstream's status code is not a number: " + printable(statusLine));
            }
            code = code * 10 + (c - '0');
        }
        if (code < 100 || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new ProtocolException("the upstream's status line is malformed: " + printable(statusLine));
        }
        return code;
    }

    /** A header field parsed in place: only the name and the trimmed value become strings. */
    private static Header field(Http1Reader line, int length) throws ProtocolException {
        int colon = colon(line, length);
        int start = colon + 1;
        int end = length;
        while (start < end && whitespace(line.byteAt(start))) {
            start++;
        }
        while (end > start && whitespace(line.byteAt(end - 1))) {
            end--;
        }
        return HeaderValues.create(HeaderNames.create(line.text(0, colon)), line.text(start, end));
    }

    /** Where the name ends; the name must be a token (no spaces, controls or non-ASCII). */
    private static int colon(Http1Reader line, int length) throws ProtocolException {
        int colon = 0;
        while (colon < length && line.byteAt(colon) != ':') {
            int c = line.byteAt(colon) & 0xff;
            if (c <= ' ' || c >= 127) {
                throw new ProtocolException("the upstream sent a malformed header " + (colon == 0 ? "line: " : "name: ")
                        + printable(line.text(0, length)));
            }
            colon++;
        }
        if (colon == 0 || colon == length) {
            throw new ProtocolException("the upstream sent a malformed header line: " + printable(line.text(0, length)));
        }
        return colon;
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** What the headers say about the body and the connection. */
    private static final class Framing {
        private long contentLength = UNKNOWN_LENGTH;
        private boolean transferEncoding;
        private boolean chunked;
        private boolean close;
        private boolean keepAliveToken;

        void see(Header header) throws ProtocolException {
            String name = header.headerName().lowerCase();
            switch (name) {
            case "content-length" -> contentLength(header.get());
            case "transfer-encoding" -> {
                transferEncoding = true;
                String value = header.get().toLowerCase(Locale.ROOT);
                String last = value.substring(value.lastIndexOf(',') + 1).strip();
                chunked = "chunked".equals(last);
            }
            case "connection" -> {
                for (String token : header.get().toLowerCase(Locale.ROOT).split(",")) {
                    close |= "close".equals(token.strip());
                    keepAliveToken |= "keep-alive".equals(token.strip());
                }
            }
            default -> {
            }
            }
        }

        ResponseHead head(int status, List<Header> headers, boolean http11) {
            // A message with both Transfer-Encoding and Content-Length may be an attempt at request smuggling:
            // the encoding wins and the connection is not reused (RFC 9112 section 6.3).
            boolean conflicting = transferEncoding && contentLength != UNKNOWN_LENGTH;
            long length = transferEncoding ? UNKNOWN_LENGTH : contentLength;
            boolean framed = chunked || length != UNKNOWN_LENGTH || status == 204 || status == 304;
            boolean keepAlive = (http11 ? !close : keepAliveToken && !close) && framed && !conflicting;
            return new ResponseHead(status, headers, length, chunked, keepAlive);
        }

        private void contentLength(String value) throws ProtocolException {
            long length;
            try {
                length = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new ProtocolException("the upstream sent an invalid Content-Length: " + printable(value));
            }
            if (length < 0 || (contentLength != UNKNOWN_LENGTH && contentLength != length)) {
                throw new ProtocolException("the upstream sent an invalid Content-Length: " + printable(value));
            }
            contentLength = length;
        }
    }
}
