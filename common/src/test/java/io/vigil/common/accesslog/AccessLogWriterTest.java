package io.vigil.common.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The writer off the request path: lines arrive in order; with the output stalled, offers still return at once, the
 * queue holds what it can and the rest is dropped and counted; a failing output drops and counts too; closing writes
 * what is queued.
 */
class AccessLogWriterTest {
    /** Only catches a hang: an offer that waited for the stalled output would never return. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @Test
    void writesLinesInOrderAndFlushesWhenTheQueueRunsEmpty() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        AccessLogWriter writer = new AccessLogWriter("test", new PathOnly(), sink, 16);
        writer.start();
        for (int i = 0; i < 10; i++) {
            assertThat(writer.offer(record("/" + i)), is(true));
        }
        sink.awaitFlushedLines(10);
        writer.close(HANG);
        assertThat(sink.lines(), contains("/0", "/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9"));
        assertThat(sink.closed, is(true));
        assertThat(writer.dropped(), is(0L));
    }

    @Test
    void aStalledOutputNeverBlocksARequestAndTheOverflowIsDroppedAndCounted() throws InterruptedException {
        StalledSink sink = new StalledSink();
        int queueSize = 8;
        AccessLogWriter writer = new AccessLogWriter("test", new PathOnly(), sink, queueSize);
        writer.start();
        writer.offer(record("/first"));
        assertThat("the writer took the first line and is stuck in the output", sink.entered.await(30, TimeUnit.SECONDS),
                   is(true));
        int offered = 1000;
        List<Boolean> accepted = new ArrayList<>();
        assertTimeoutPreemptively(HANG, () -> {
            for (int i = 0; i < offered; i++) {
                accepted.add(writer.offer(record("/" + i)));
            }
        });
        assertThat(accepted.stream().filter(a -> a).count(), is((long) queueSize));
        assertThat(writer.dropped(), is((long) offered - queueSize));

        sink.release.countDown();
        writer.close(HANG);
        assertThat(sink.lines, hasSize(1 + queueSize));
        assertThat(sink.lines.get(1), is("/0"));
        assertThat(sink.lines.getLast(), is("/" + (queueSize - 1)));
    }

    @Test
    void aFailingOutputDropsAndCountsItsLinesAndTheWriterCarriesOn() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        sink.failOn = "/bad";
        AccessLogWriter writer = new AccessLogWriter("test", new PathOnly(), sink, 16);
        writer.start();
        writer.offer(record("/a"));
        writer.offer(record("/bad"));
        writer.offer(record("/b"));
        sink.awaitFlushedLines(2);
        writer.close(HANG);
        assertThat(sink.lines(), contains("/a", "/b"));
        assertThat(writer.dropped(), is(1L));
    }

    @Test
    void closingWritesWhatIsQueuedAndLaterOffersAreDropped() {
        RecordingSink sink = new RecordingSink();
        AccessLogWriter writer = new AccessLogWriter("test", new PathOnly(), sink, 1000);
        for (int i = 0; i < 500; i++) {
            writer.offer(record("/" + i));
        }
        writer.start();
        writer.close(HANG);
        assertThat(sink.lines(), hasSize(500));
        assertThat(writer.offer(record("/late")), is(false));
        assertThat(writer.dropped(), is(1L));
    }

    @Test
    void theJsonFormatGoesThroughTheWriterAsOneLinePerRecord() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        AccessLogWriter writer = new AccessLogWriter("test", LineFormat.of(AccessLogFormat.JSON), sink, 4);
        writer.start();
        writer.offer(record("/json"));
        sink.awaitFlushedLines(1);
        writer.close(HANG);
        assertThat(sink.lines().getFirst(), startsWith("{\"@timestamp\":"));
    }

    static AccessRecord record(String path) {
        return new AccessRecord("test", 1_773_482_400_123L, 2_500_000, "id-1", null, null, "127.0.0.1", null, "GET", path,
                                null, "HTTP/1.1", 200, 0, 5, null, null, false, new Object[0]);
    }

    /** The path alone, so tests can follow lines. */
    private static final class PathOnly implements LineFormat {
        @Override
        public void append(AccessRecord record, StringBuilder line) {
            line.append(record.path());
        }
    }

    /** Keeps what was flushed. */
    private static final class RecordingSink implements Sink {
        private final List<String> pending = new ArrayList<>();
        private final List<String> flushed = new ArrayList<>();
        private volatile boolean closed;
        private String failOn;

        @Override
        public void write(byte[] line, int length) throws IOException {
            String text = new String(line, 0, length - 1, StandardCharsets.UTF_8);
            if (text.equals(failOn)) {
                throw new IOException("disk full");
            }
            pending.add(text);
        }

        @Override
        public synchronized void flush() {
            flushed.addAll(pending);
            pending.clear();
            notifyAll();
        }

        @Override
        public void close() {
            flush();
            closed = true;
        }

        synchronized List<String> lines() {
            return List.copyOf(flushed);
        }

        synchronized void awaitFlushedLines(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (flushed.size() < count && System.nanoTime() < deadline) {
                wait(100);
            }
        }
    }

    /** An output that hangs on its first line until released: a full pipe, a stuck disk. */
    private static final class StalledSink implements Sink {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<String> lines = new ArrayList<>();

        @Override
        public void write(byte[] line, int length) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(new String(line, 0, length - 1, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
