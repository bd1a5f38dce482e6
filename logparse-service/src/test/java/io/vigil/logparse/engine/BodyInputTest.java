package io.vigil.logparse.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;


import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BodyInputTest {
    private static final EngineLimits LIMITS = new EngineLimits(1024, 10_000, 3_000_000, 100, 1000, 1,
                                                                        Duration.ofMinutes(1));

    @Test
    void plainBodiesPassThrough() throws IOException {
        assertThat(read(BodyInput.open(stream("plain text\n"), false, LIMITS)), is("plain text\n"));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesOrItsDeclaration() throws IOException {
        byte[] compressed = gzip("hello gzip\n".repeat(3));

        assertThat(read(BodyInput.open(new ByteArrayInputStream(compressed), false, LIMITS)), is("hello gzip\n".repeat(3)));
        assertThat(read(BodyInput.open(new ByteArrayInputStream(compressed), true, LIMITS)), is("hello gzip\n".repeat(3)));
    }

    @Test
    void aDeclaredGzipBodyThatIsNotGzipIsRefused() {
        ZipException e = assertThrows(ZipException.class, () -> BodyInput.open(stream("not gzip"), true, LIMITS));
        assertThat(e.getMessage(), is("Content-Encoding is gzip but the body is not gzip data"));
    }

    @Test
    void theBodyLimitCountsBytesAsSent() {
        InputTooLargeException e = assertThrows(InputTooLargeException.class,
                () -> read(BodyInput.open(stream("x".repeat(10_001)), false, LIMITS)));
        assertThat(e.getMessage(), is("request body exceeds 10000 bytes"));
    }

    @Test
    void truncatedGzipIsInvalidGzipNotAnIoFailure() throws IOException {
        byte[] whole = gzip("a line of a log that is longer than the cut\n".repeat(100));
        for (int cut : new int[] {3, 12, whole.length / 2, whole.length - 4}) {
            byte[] truncated = Arrays.copyOf(whole, cut);
            ZipException e = assertThrows(ZipException.class,
                    () -> read(BodyInput.open(new ByteArrayInputStream(truncated), false, LIMITS)), "cut at " + cut);
            assertThat(e.getMessage().startsWith("gzip data is truncated"), is(true));
        }
    }

    @Test
    void aBodyWhoseFramingBreaksIsABodyReadException() {
        InputStream broken = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("connection closed before the declared length");
            }
        };
        BodyReadException e = assertThrows(BodyReadException.class, () -> read(BodyInput.open(broken, false, LIMITS)));
        assertThat(e.getMessage(), is("the request body could not be read (connection closed before the declared length)"));
    }

    @Test
    void aGzipBombIsStoppedByTheRatioBound() throws IOException {
        byte[] bomb = gzip("\0".repeat(2_500_000));
        assertThat(bomb.length < 10_000, is(true));

        InputTooLargeException e = assertThrows(InputTooLargeException.class,
                () -> read(BodyInput.open(new ByteArrayInputStream(bomb), false, LIMITS)));
        assertThat(e.getMessage(), is("gzip body inflates more than 100 times"));
    }

    @Test
    void theInflatedSizeIsBoundedToo() throws IOException {
        EngineLimits generousRatio = new EngineLimits(1024, 10_000_000, 3_000_000, 100_000, 1000, 1,
                                                              Duration.ofMinutes(1));
        byte[] big = gzip("\0".repeat(4_000_000));

        InputTooLargeException e = assertThrows(InputTooLargeException.class,
                () -> read(BodyInput.open(new ByteArrayInputStream(big), false, generousRatio)));
        assertThat(e.getMessage(), is("gzip body inflates past 3000000 bytes"));
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
