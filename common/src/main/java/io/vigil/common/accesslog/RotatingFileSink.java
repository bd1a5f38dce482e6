package io.vigil.common.accesslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file rotated by size: before a line would take it past the maximum, {@code access.log} becomes
 * {@code access.log.1}, an older {@code .1} becomes {@code .2} and so on, the oldest beyond the kept count is deleted,
 * and a new {@code access.log} starts. Lines are appended (a restarted service continues its file) and never split
 * across files; a line longer than the maximum gets a file of its own.
 */
final class RotatingFileSink implements Sink {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final long maxBytes;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    /**
     * Opens the file for appending, creating it and its directory when missing.
     *
     * @param path     the current file
     * @param maxBytes size at which it is rotated
     * @param maxFiles files kept, the current one included
     * @throws IOException when the file cannot be opened
     */
    RotatingFileSink(Path path, long maxBytes, int maxFiles) throws IOException {
        this.path = path.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        Path parent = this.path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        open();
    }

    @Override
    public void write(byte[] line, int length) throws IOException {
        if (size > 0 && size + length > maxBytes) {
            rotate();
        }
        out.write(line, 0, length);
        size += length;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                                                             StandardOpenOption.WRITE), BUFFER_BYTES);
        size = Files.size(path);
    }

    private void rotate() throws IOException {
        out.close();
        try {
            if (maxFiles == 1) {
                Files.delete(path);
            } else {
                Files.deleteIfExists(numbered(maxFiles - 1));
                for (int i = maxFiles - 2; i >= 1; i--) {
                    if (Files.exists(numbered(i))) {
                        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // Even when a rename failed (a file deleted under it), lines keep going to the current file.
            open();
        }
    }

    private Path numbered(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }
}
