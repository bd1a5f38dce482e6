package io.vigil.gateway;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic test bodies of any size, generated as they are read, never held in memory.
 */
final class Patterns {
    private Patterns() {
    }

    /**
     * A stream of {@code size} bytes whose content depends on the position.
     *
     * @param size bytes in total
     * @return the stream
     */
    static InputStream bytes(long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? value(position++) : -1;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    target[offset + i] = (byte) value(position++);
                }
                return n;
            }
        };
    }

    /**
     * SHA-256 of {@link #bytes(long)}.
     *
     * @param size bytes in total
     * @return lowercase hex digest
     */
    static String sha256(long size) {
        return sha256(bytes(size));
    }

    /**
     * SHA-256 of a stream, read to its end.
     *
     * @param in the stream
     * @return lowercase hex digest
     */
    static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65_536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SHA-256 of a text's UTF-8 bytes, as configured for an API key.
     *
     * @param text the text
     * @return lowercase hex digest
     */
    static String sha256Hex(String text) {
        return sha256(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static int value(long position) {
        return (int) ((position * 31 + (position >>> 13)) & 0xff);
    }
}
