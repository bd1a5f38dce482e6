package io.vigil.logparse;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * logparse-service's own meters in Helidon's global registry, hence in {@code /observe/metrics} as
 * {@code vigil_logparse_*}, most tagged {@code endpoint} ({@code analyze} or {@code parse}): analyses that answered,
 * bytes of log read (after gzip), lines and malformed lines (analyses), requests by format and whether it was
 * detected, how long analyses took (a histogram with fixed buckets), analyses in progress, requests turned away by
 * cause and requests that failed. Every meter is looked up once; recording is an increment.
 */
final class LogparseMetrics {
    /** Analyses that answered, by {@code endpoint}. */
    static final String ANALYSES = "vigil.logparse.analyses";
    /** Bytes of log text read (after gzip inflation), by {@code endpoint}. */
    static final String BYTES = "vigil.logparse.bytes";
    /** Lines read by {@code /v1/analyze}. */
    static final String LINES = "vigil.logparse.lines";
    /** Malformed lines found by {@code /v1/analyze}. */
    static final String MALFORMED = "vigil.logparse.malformed.lines";
    /**
     * Requests by {@code format} and {@code detected} ({@code true}: auto-detected; {@code false}: named by the caller,
     * or the {@code text} fallback when nothing was recognised).
     */
    static final String FORMATS = "vigil.logparse.formats";
    /** Duration of analyses that answered, from their turn to the end of the answer, by {@code endpoint}. */
    static final String DURATION = "vigil.logparse.analysis.duration";
    /** Analyses and parses running now (holding one of {@code logparse.max-concurrent} turns). */
    static final String IN_PROGRESS = "vigil.logparse.analyses.in.progress";
    /** Requests answered with a problem, by {@code endpoint} and {@code cause}. */
    static final String REJECTIONS = "vigil.logparse.rejections";
    /** Requests that failed otherwise (a 500, a connection that broke), by {@code endpoint}. */
    static final String FAILURES = "vigil.logparse.failures";

    /** The two endpoints. */
    enum Endpoint {
        /** {@code POST /v1/analyze}. */
        ANALYZE("analyze"),
        /** {@code POST /v1/parse}. */
        PARSE("parse");

        private final String tag;

        Endpoint(String tag) {
            this.tag = tag;
        }
    }

    /** Why a request was turned away, from the status of its problem. */
    enum Cause {
        /** 400: a bad query parameter, invalid gzip, a body whose framing broke. */
        BAD_REQUEST(400, "bad-request"),
        /** 408: the analysis ran past {@code logparse.deadline}. */
        DEADLINE(408, "deadline"),
        /** 413: the body, or what it inflates to, is over a limit. */
        TOO_LARGE(413, "too-large"),
        /** 415: a {@code Content-Encoding} other than gzip. */
        UNSUPPORTED_ENCODING(415, "unsupported-encoding"),
        /** 503: every turn taken and the queue full. */
        BUSY(503, "busy"),
        /** Any other problem status. */
        OTHER(0, "other");

        private final int status;
        private final String tag;

        Cause(int status, String tag) {
            this.status = status;
            this.tag = tag;
        }

        static Cause of(int status) {
            for (Cause cause : values()) {
                if (cause.status == status) {
                    return cause;
                }
            }
            return OTHER;
        }
    }

    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                                               Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                                               Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
                                               Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                                               Duration.ofSeconds(300), Duration.ofSeconds(600)};

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Map<Endpoint, Meters> meters = new ConcurrentHashMap<>();
    private final Counter lines;
    private final Counter malformed;
    // Bounded: the formats Vigil knows, each detected or named.
    private final Map<String, Counter> formats = new ConcurrentHashMap<>();
    private final AtomicInteger inProgress = new AtomicInteger();

    /** The meters of one endpoint. */
    private record Meters(Counter analyses, Counter bytes, Timer duration, Map<Cause, Counter> rejections, Counter failures) {
    }

    LogparseMetrics() {
        for (Endpoint endpoint : Endpoint.values()) {
            meters.put(endpoint, meters(endpoint));
        }
        this.lines = registry.getOrCreate(Counter.builder(LINES).description("Lines read by analyses"));
        this.malformed = registry.getOrCreate(Counter.builder(MALFORMED).description("Malformed lines found by analyses"));
        // A gauge of an earlier service in the same JVM (tests start several) is replaced.
        registry.remove(IN_PROGRESS, List.of());
        registry.getOrCreate(Gauge.builder(IN_PROGRESS, inProgress, AtomicInteger::get)
                                     .description("Analyses and parses running now"));
    }

    /**
     * Counts a request turned away with a problem.
     *
     * @param endpoint the endpoint
     * @param status   the problem's status
     */
    void rejected(Endpoint endpoint, int status) {
        meters.get(endpoint).rejections().get(Cause.of(status)).increment();
    }

    /**
     * Counts a request that failed without a problem of its own.
     *
     * @param endpoint the endpoint
     */
    void failed(Endpoint endpoint) {
        meters.get(endpoint).failures().increment();
    }

    /**
     * Counts an analysis that answered.
     *
     * @param endpoint the endpoint
     * @param bytes    bytes of log read
     * @param nanos    how long it took
     */
    void analysed(Endpoint endpoint, long bytes, long nanos) {
        Meters of = meters.get(endpoint);
        of.analyses().increment();
        of.bytes().increment(bytes);
        of.duration().record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Counts the format a request's log was read in.
     *
     * @param format   the format's name
     * @param detected whether it was detected rather than named by the caller
     */
    void format(String format, boolean detected) {
        formats.computeIfAbsent(format + (detected ? "+" : "-"), key -> registry.getOrCreate(
                Counter.builder(FORMATS)
                        .tags(List.of(Tag.create("format", format), Tag.create("detected", Boolean.toString(detected))))
                        .description("Analyses and parses by log format, and whether it was detected"))).increment();
    }

    /**
     * Counts the lines an analysis read.
     *
     * @param total     lines
     * @param malformed of those, malformed
     */
    void lines(long total, long malformed) {
        lines.increment(total);
        this.malformed.increment(malformed);
    }

    /**
     * Runs work as an analysis in progress.
     *
     * @param work the analysis
     */
    void inProgress(Runnable work) {
        inProgress.incrementAndGet();
        try {
            work.run();
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private Meters meters(Endpoint endpoint) {
        List<Tag> tags = List.of(Tag.create("endpoint", endpoint.tag));
        Map<Cause, Counter> rejections = new EnumMap<>(Cause.class);
        for (Cause cause : Cause.values()) {
            rejections.put(cause, registry.getOrCreate(Counter.builder(REJECTIONS)
                                                               .tags(List.of(tags.get(0), Tag.create("cause", cause.tag)))
                                                               .description("Requests answered with a problem, by cause")));
        }
        return new Meters(registry.getOrCreate(Counter.builder(ANALYSES).tags(tags).description("Analyses that answered")),
                          registry.getOrCreate(Counter.builder(BYTES).tags(tags)
                                                       .description("Bytes of log read, after gzip inflation")),
                          registry.getOrCreate(Timer.builder(DURATION).tags(tags).buckets(BUCKETS).percentiles(new double[0])
                                                       .description("Duration of analyses that answered")),
                          rejections,
                          registry.getOrCreate(Counter.builder(FAILURES).tags(tags)
                                                       .description("Requests that failed without a problem of their own")));
    }
}
