package io.vigil.common.accesslog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.helidon.webserver.http.Filter;
import io.vigil.common.config.InvalidConfigException;

/**
 * A service's access log: the filter that sees each request complete and the writer thread that writes its line,
 * to standard output or a rotated file, as {@code access-log} configures. {@link io.vigil.common.service.VigilService}
 * starts one for every service and closes it after the server stopped, so the last lines are written.
 */
public final class AccessLog implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final AccessLogWriter writer;
    private final Filter filter;

    private AccessLog(AccessLogWriter writer, Filter filter) {
        this.writer = writer;
        this.filter = filter;
    }

    /**
     * Opens the output and starts the writer thread; with format {@code off} does nothing.
     *
     * @param service  the service's name, in every line
     * @param settings the {@code access-log} section
     * @return the running access log
     * @throws InvalidConfigException when the output file cannot be opened
     */
    public static AccessLog start(String service, AccessLogSettings settings) {
        if (settings.format() == AccessLogFormat.OFF) {
            return new AccessLog(null, null);
        }
        Sink sink;
        if (settings.stdout()) {
            sink = new StdoutSink(System.out);
        } else {
            try {
                sink = new RotatingFileSink(Path.of(settings.output()), settings.maxFileSize(), settings.maxFiles());
            } catch (IOException | RuntimeException e) {
                throw new InvalidConfigException("access-log.output", settings.output(),
                                                 "stdout or a writable file path (" + e + ")");
            }
        }
        AccessLogWriter writer = new AccessLogWriter(service, LineFormat.of(settings.format()), sink, settings.queueSize());
        writer.start();
        return new AccessLog(writer, new AccessLogFilter(service, settings, writer));
    }

    /**
     * The filter to register outside every other routing filter.
     *
     * @return the filter, or empty when the access log is off
     */
    public Optional<Filter> filter() {
        return Optional.ofNullable(filter);
    }

    /** Writes the lines still queued (waiting a few seconds at most) and closes the output. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close(CLOSE_TIMEOUT);
        }
    }
}
