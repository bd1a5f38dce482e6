package io.vigil.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A client on a plain socket for what WebClient cannot do in a test: send a body while reading the answer,
 * stall on purpose, send malformed or oversized requests, and see exactly which headers came back.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final Http1Reader reader;

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
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        this.out = socket.getOutputStream();
        this.reader = new Http1Reader(socket.getInputStream(), 16 * 1024);
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
     * Reads the next response head.
     *
     * @return status and headers
     * @throws IOException when reading fails
     */
    ResponseHead head() throws IOException {
        return ResponseHead.read(reader);
    }

    /**
     * The body of a response whose head was read.
     *
     * @param head the head
     * @return the body, framing removed
     */
    ResponseBody body(ResponseHead head) {
        return ResponseBody.of(reader, head, false);
    }

    /**
     * Reads a whole response body as text.
     *
     * @param head the head
     * @return the body
     * @throws IOException when reading fails
     */
    String text(ResponseHead head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body(head).transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * One line of a streamed body (reads from the connection directly, for NDJSON).
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
    static String header(ResponseHead head, String name) {
        return head.headers().stream()
                .filter(header -> header.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(header -> header.get())
                .findFirst()
                .orElse("");
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
        while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
