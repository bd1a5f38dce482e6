package io.vigil.common.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Size rotation: files never pass the maximum (unless one line is longer), lines are never split, the newest
 * rotated file is {@code .1}, only the configured number of files is kept, and a restart appends.
 */
class RotatingFileSinkTest {
    @TempDir
    Path dir;

    @Test
    void rotatesBeforeALineWouldPassTheMaximumAndKeepsTheConfiguredFiles() throws IOException {
        Path file = dir.resolve("logs/access.log");
        try (RotatingFileSink sink = new RotatingFileSink(file, 100, 3)) {
            for (int i = 0; i < 20; i++) {
                write(sink, String.format("line %02d %s", i, "x".repeat(20)));
            }
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList(),
                       containsInAnyOrder("access.log", "access.log.1", "access.log.2"));
        }
        // 29 bytes a line: three lines fit in 100 bytes, so 20 lines made 7 files, of which the last 3 are kept.
        assertThat(lines(file), contains(line(18), line(19)));
        assertThat(lines(numbered(file, 1)), contains(line(15), line(16), line(17)));
        assertThat(lines(numbered(file, 2)), contains(line(12), line(13), line(14)));
        for (Path kept : List.of(file, numbered(file, 1), numbered(file, 2))) {
            assertThat(Files.size(kept), lessThanOrEqualTo(100L));
        }
    }

    @Test
    void oneFileMeansStartingAfreshAndALongLineGetsAFileOfItsOwn() throws IOException {
        Path file = dir.resolve("access.log");
        try (RotatingFileSink sink = new RotatingFileSink(file, 50, 1)) {
            write(sink, "short one");
            write(sink, "y".repeat(80));
            write(sink, "after");
        }
        assertThat(lines(file), contains("after"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList(), contains(file));
        }
        try (RotatingFileSink sink = new RotatingFileSink(file, 50, 2)) {
            write(sink, "y".repeat(80));
        }
        assertThat(lines(numbered(file, 1)), contains("after"));
        assertThat(lines(file), contains("y".repeat(80)));
    }

    @Test
    void aRestartedServiceAppendsToItsFileAndCountsWhatIsThere() throws IOException {
        Path file = dir.resolve("access.log");
        try (RotatingFileSink sink = new RotatingFileSink(file, 40, 2)) {
            write(sink, "before restart");
        }
        try (RotatingFileSink sink = new RotatingFileSink(file, 40, 2)) {
            write(sink, "after restart");
            write(sink, "rotates now");
        }
        assertThat(lines(numbered(file, 1)), contains("before restart", "after restart"));
        assertThat(lines(file), contains("rotates now"));
        assertThat(List.of(Files.size(file), Files.size(numbered(file, 1))), everyItem(lessThanOrEqualTo(40L)));
        assertThat(Files.exists(numbered(file, 2)), is(false));
    }

    private static String line(int i) {
        return String.format("line %02d %s", i, "x".repeat(20));
    }

    private static void write(Sink sink, String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, bytes.length);
    }

    private static Path numbered(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
}
