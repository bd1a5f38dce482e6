package io.vigil.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response off a plain socket as text, by its framing (Content-Length or chunked), without the
 * gateway's parser; a connection that ends before the framing does is an {@link EOFException}.
 */
final class Answers {
    private Answers() {
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!text(bytes).endsWith("\r\n\r\n")) {
            next(in, bytes);
        }
        String head = text(bytes).toLowerCase(Locale.ROOT);
        if (head.contains("transfer-encoding: chunked")) {
            while (!text(bytes).endsWith("\r\n0\r\n\r\n")) {
                next(in, bytes);
            }
        } else {
            int at = head.indexOf("content-length: ");
            long length = at < 0 ? 0 : Long.parseLong(head.substring(at + 16, head.indexOf('\r', at)).trim());
            long end = bytes.size() + length;
            while (bytes.size() < end) {
                next(in, bytes);
            }
        }
        return text(bytes);
    }

    private static void next(InputStream in, ByteArrayOutputStream bytes) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside the response, after " + bytes.size() + " bytes");
        }
        bytes.write(b);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
