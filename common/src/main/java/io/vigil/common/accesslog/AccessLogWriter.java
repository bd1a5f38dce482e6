package io.vigil.common.accesslog;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes access log lines off the request path: requests {@link #offer} records to a bounded queue and never wait
 * (a full queue drops the line and counts it); one platform thread formats and writes them in batches, flushing
 * whenever the queue runs empty.
 */
final class AccessLogWriter implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(AccessLogWriter.class.getName());
    private static final int BATCH = 256;
    private static final long POLL_MILLIS = 100;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final BlockingQueue<AccessRecord> queue;
    private final LineFormat format;
    private final Sink sink;
    private final DropCounter dropped = new DropCounter();
    private final Thread thread;
    private volatile boolean closing;
    private long lastWarning;

    AccessLogWriter(String service, LineFormat format, Sink sink, int queueSize) {
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.format = format;
        this.sink = sink;
        this.thread = Thread.ofPlatform().name(service + "-access-log").daemon(true).unstarted(this::run);
        this.lastWarning = System.nanoTime() - WARN_EVERY_NANOS;
    }

    /** Starts the writer thread. */
    void start() {
        thread.start();
    }

    /**
     * Queues a line; never blocks.
     *
     * @param record the request
     * @return {@code false} when the line was dropped (queue full, or closing)
     */
    boolean offer(AccessRecord record) {
        if (closing || !queue.offer(record)) {
            dropped.drop(DropCounter.Reason.QUEUE_FULL);
            return false;
        }
        return true;
    }

    /**
     * Lines dropped so far by this writer.
     *
     * @return count
     */
    long dropped() {
        return dropped.total();
    }

    /**
     * Writes what is queued, then stops the thread and closes the output; waits at most {@code timeout} (an output
     * that hangs is left behind, with its thread).
     *
     * @param timeout longest wait
     */
    void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void run() {
        List<AccessRecord> batch = new ArrayList<>(BATCH);
        StringBuilder line = new StringBuilder(512);
        while (true) {
            AccessRecord first;
            try {
                first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
                closing = true;
            }
            if (first == null) {
                if (closing) {
                    break;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            for (AccessRecord record : batch) {
                write(record, line);
            }
            batch.clear();
            if (queue.isEmpty()) {
                flush();
            }
        }
        try {
            sink.close();
        } catch (IOException e) {
            warn("closing the access log failed", e);
        }
    }

    private void write(AccessRecord record, StringBuilder line) {
        try {
            line.setLength(0);
            format.append(record, line);
            byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
            sink.write(bytes, bytes.length);
        } catch (IOException | RuntimeException e) {
            dropped.drop(DropCounter.Reason.WRITE_FAILED);
            warn("writing the access log failed; lines are dropped and counted in vigil_access_log_dropped_total", e);
        }
    }

    private void flush() {
        try {
            sink.flush();
        } catch (IOException | RuntimeException e) {
            warn("flushing the access log failed", e);
        }
    }

    /** At most one warning a minute: a full disk must not flood the application log. */
    private void warn(String message, Exception e) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            LOGGER.log(Level.WARNING, message + ": " + e);
        }
    }
}
