package io.vigil.common.accesslog;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * Counts access log lines that were not written, in {@code /observe/metrics} as
 * {@code vigil_access_log_dropped_total{reason}}: {@code queue-full} (the writer fell behind; the request did not
 * wait) or {@code write-failed} (the output refused the line).
 */
final class DropCounter {
    /** The meter's name in Helidon's global registry. */
    static final String NAME = "vigil.access.log.dropped";

    /** Why a line was dropped. */
    enum Reason {
        /** The queue was full. */
        QUEUE_FULL("queue-full"),
        /** Formatting or writing the line failed. */
        WRITE_FAILED("write-failed");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private final LongAdder total = new LongAdder();
    private final Counter queueFull = counter(Reason.QUEUE_FULL);
    private final Counter writeFailed = counter(Reason.WRITE_FAILED);

    private static Counter counter(Reason reason) {
        return Metrics.globalRegistry().getOrCreate(Counter.builder(NAME)
                                                             .tags(List.of(Tag.create("reason", reason.tag)))
                                                             .description("Access log lines not written, by reason"));
    }

    void drop(Reason reason) {
        total.increment();
        (reason == Reason.QUEUE_FULL ? queueFull : writeFailed).increment();
    }

    /**
     * Lines this access log dropped (the meters also count those of other services in the same JVM).
     *
     * @return count
     */
    long total() {
        return total.sum();
    }
}
