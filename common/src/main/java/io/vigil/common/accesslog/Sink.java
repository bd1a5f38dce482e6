package io.vigil.common.accesslog;

import java.io.IOException;

/** Where the writer thread puts lines: standard output or a rotated file. Used by the writer thread only. */
interface Sink extends AutoCloseable {
    /**
     * Writes one complete line, its line break included; may buffer it.
     *
     * @param line   bytes of the line
     * @param length how many of them
     * @throws IOException when writing fails
     */
    void write(byte[] line, int length) throws IOException;

    /**
     * Writes out what is buffered; called whenever the queue runs empty, so lines appear promptly.
     *
     * @throws IOException when writing fails
     */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
