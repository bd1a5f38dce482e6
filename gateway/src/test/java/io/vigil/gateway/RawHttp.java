package io.vigil.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client on a plain socket for what WebClient cannot do in a test: send a body while reading the answer, stall on
 * purpose, send malformed or oversized requests, and see exactly which headers came back. It reads responses with a
 * reader of its own, deliberately simple (byte by byte, {@code String.split}), that shares no code with the
 * gateway's HTTP/1.1 parser, so a framing bug in the gateway cannot hide behind the same bug here.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        this(port, 0);
    }

    /**
     * Connects.
     *
     * @param port          port on loopback
     * @param receiveBuffer socket receive buffer size, or 0 for the default
     * @throws IOException when connecting fails
     */
    RawHttp(int port, int receiveBuffer) throws IOException {
        this.socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    /**
     * A response's status line and headers as this reader saw them.
     *
     * @param status  status code
     * @param headers fields in order, as {@code name: value} pairs
     */
    record Head(int status, List<String[]> headers) {
        /**
         * The first value of a header, case-insensitively.
         *
         * @param name the header's name
         * @return its value, or {@code ""}
         */
        String header(String name) {
            for (String[] field : headers) {
                if (field[0].equalsIgnoreCase(name)) {
                    return field[1];
                }
            }
            return "";
        }

        /**
         * The body length the response announced.
         *
         * @return {@code Content-Length}, or -1 without one
         */
        long contentLength() {
            String value = header("Content-Length");
            return value.isEmpty() ? -1 : Long.parseLong(value);
        }

        boolean chunked() {
            return header("Transfer-Encoding").toLowerCase(Locale.ROOT).endsWith("chunked");
        }
    }

    /**
     * Sends text as it is (request line, headers, maybe body).
     *
     * @param text ISO-8859-1 text
     * @return this
     * @throws IOException when writing fails
     */
    RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /**
     * Sends one chunk of a chunked body.
     *
     * @param bytes  data
     * @param length how many bytes, 0 for the last chunk
     * @return this
     * @throws IOException when writing fails
     */
    RawHttp chunk(byte[] bytes, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /**
     * Sends raw bytes.
     *
     * @param bytes  data
     * @param length how many
     * @throws IOException when writing fails
     */
    void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
    }

    /**
     * Reads the next final response head (interim 1xx responses are skipped).
     *
     * @return status and headers
     * @throws IOException when reading fails or the head is not HTTP/1.1
     */
    Head head() throws IOException {
        while (true) {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            List<String[]> headers = new ArrayList<>();
            for (String field = line(); !field.isEmpty(); field = line()) {
                int colon = field.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("not a header field: " + field);
                }
                headers.add(new String[] {field.substring(0, colon), field.substring(colon + 1).trim()});
            }
            int status = Integer.parseInt(parts[1]);
            if (status >= 200) {
                return new Head(status, headers);
            }
        }
    }

    /**
     * The body of a response whose head was read, framing removed; it fails when the connection ends before the body
     * does.
     *
     * @param head the head
     * @return the body
     */
    InputStream body(Head head) {
        if (head.status() == 204 || head.status() == 304) {
            return InputStream.nullInputStream();
        }
        if (head.chunked()) {
            return new Chunked();
        }
        long length = head.contentLength();
        return length >= 0 ? new Fixed(length) : in;
    }

    /**
     * Reads a whole response body as text.
     *
     * @param head the head
     * @return the body
     * @throws IOException when reading fails
     */
    String text(Head head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body(head).transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * One line of a streamed body (for NDJSON).
     *
     * @param body the body
     * @return the line without its newline
     * @throws IOException when reading fails
     */
    static String line(InputStream body) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = body.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /**
     * The value of a header in a response head.
     *
     * @param head the head
     * @param name header name
     * @return the first value, or {@code ""}
     */
    static String header(Head head, String name) {
        return head.header(name);
    }

    /**
     * Reads until the server closes the connection.
     *
     * @return bytes read
     * @throws IOException when reading fails other than by a reset
     */
    long drain() throws IOException {
        byte[] buffer = new byte[65_536];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A line ending with CRLF, without it. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the connection ended in the middle of a line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r")) {
            throw new IOException("a line without CR before LF: " + text);
        }
        return text.substring(0, text.length() - 1);
    }

    /** A body of known length. */
    private final class Fixed extends InputStream {
        private long left;

        Fixed(long length) {
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(target, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body: size lines in hex, each chunk followed by CRLF, a last chunk of size 0 and an empty line. */
    private final class Chunked extends InputStream {
        private long left;
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                left = Long.parseLong(line().split(";")[0].trim(), 16);
                if (left == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(target, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            left -= n;
            if (left == 0 && !line().isEmpty()) {
                throw new IOException("a chunk not followed by CRLF");
            }
            return n;
        }
    }
}
