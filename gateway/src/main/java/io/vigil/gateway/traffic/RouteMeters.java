package io.vigil.gateway.traffic;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.helidon.http.Method;
import io.helidon.metrics.api.Bucket;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The meters of one route in Helidon's global registry, hence in {@code /observe/metrics}: how long its requests
 * took, as a histogram with fixed buckets tagged {@code route}, {@code method} and {@code status} (the status class),
 * which gives the rate ({@code _count}), the errors ({@code status="5xx"}) and quantiles that add up across
 * replicas ({@code histogram_quantile} over {@code _bucket}); and the body bytes the route streamed each way.
 *
 * <p>Each timer is looked up in the registry once, the first time its method and status class occur, and kept in an
 * array; recording is then an array read and the timer's own update. The timers publish buckets only, no
 * client-side percentiles, which would cost a decaying histogram per timer.
 */
public final class RouteMeters {
    /** Duration of a request, from the moment the gateway had its head until its response was sent. */
    static final String DURATION = "vigil.gateway.route.request.duration";
    /** Request body bytes forwarded to the route's upstream. */
    static final String REQUEST_BYTES = "vigil.gateway.route.request.bytes";
    /** Response body bytes relayed from the route's upstream to the client. */
    static final String RESPONSE_BYTES = "vigil.gateway.route.response.bytes";
    /** Upper bounds of the duration buckets; the last bucket, {@code +Inf}, is implied. */
    static final List<Duration> BUCKETS = List.of(Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
                                                  Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                                                  Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                                                  Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
                                                  Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                                                  Duration.ofSeconds(120));
    /** The {@code method} tag's values; methods outside the list are {@code other}, so the tag stays bounded. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "other");
    /** The {@code status} tag's values. */
    static final List<String> STATUS_CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx");
    /** Index of {@code 5xx} in {@link #STATUS_CLASSES}: the errors. */
    static final int SERVER_ERRORS = 4;

    private static final Duration[] BOUNDS = BUCKETS.toArray(Duration[]::new);

    private final String route;
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(METHODS.size() * STATUS_CLASSES.size());
    private final Counter requestBytes;
    private final Counter responseBytes;

    /**
     * Creates the meters of a route.
     *
     * @param route the route's tag: its prefix, such as {@code /api/v1/logs}
     */
    public RouteMeters(String route) {
        this.route = route;
        this.requestBytes = registry.getOrCreate(Counter.builder(REQUEST_BYTES)
                                                         .tags(List.of(Tag.create("route", route)))
                                                         .description("Request body bytes a route forwarded upstream"));
        this.responseBytes = registry.getOrCreate(Counter.builder(RESPONSE_BYTES)
                                                          .tags(List.of(Tag.create("route", route)))
                                                          .description("Response body bytes a route relayed to clients"));
    }

    /**
     * The route's tag.
     *
     * @return its prefix
     */
    public String route() {
        return route;
    }

    /**
     * Counts request body bytes forwarded upstream.
     *
     * @param bytes how many
     */
    public void requestBytes(long bytes) {
        if (bytes > 0) {
            requestBytes.increment(bytes);
        }
    }

    /**
     * Counts response body bytes relayed to the client.
     *
     * @param bytes how many
     */
    public void responseBytes(long bytes) {
        if (bytes > 0) {
            responseBytes.increment(bytes);
        }
    }

    /**
     * Records a request that got its response.
     *
     * @param method the index of its method in {@link #METHODS}
     * @param status the status the client got
     * @param nanos  how long it took
     */
    void record(int method, int status, long nanos) {
        timer(method, statusClass(status)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The index of a method in {@link #METHODS}.
     *
     * @param method a request's method
     * @return its index, or that of {@code other}
     */
    static int methodIndex(Method method) {
        int index = METHODS.indexOf(method.text());
        return index < 0 ? METHODS.size() - 1 : index;
    }

    /**
     * The index of a status's class in {@link #STATUS_CLASSES}.
     *
     * @param status a status code
     * @return 0 for 1xx .. 4 for 5xx (codes outside 100..599 fall into the nearest class)
     */
    static int statusClass(int status) {
        return Math.min(5, Math.max(1, status / 100)) - 1;
    }

    /**
     * Adds up the route's timers as they are now: requests, 5xx responses and the cumulative bucket counts.
     *
     * @return the totals since the gateway started
     */
    Tally tally() {
        long requests = 0;
        long errors = 0;
        long[] cumulative = new long[BUCKETS.size()];
        for (int i = 0; i < timers.length(); i++) {
            Timer timer = existing(i);
            if (timer == null) {
                continue;
            }
            // One snapshot per timer, so that its count and its buckets agree.
            var snapshot = timer.snapshot();
            requests += snapshot.count();
            if (i % STATUS_CLASSES.size() == SERVER_ERRORS) {
                errors += snapshot.count();
            }
            int bucket = 0;
            for (Bucket counts : snapshot.histogramCounts()) {
                if (bucket < cumulative.length) {
                    cumulative[bucket++] += counts.count();
                }
            }
        }
        return new Tally(requests, errors, cumulative);
    }

    private Timer timer(int method, int statusClass) {
        int index = method * STATUS_CLASSES.size() + statusClass;
        Timer timer = timers.get(index);
        if (timer == null) {
            // Two threads may both get here; the registry hands both the same timer.
            timer = registry.getOrCreate(Timer.builder(DURATION)
                                                 .tags(tags(index))
                                                 .buckets(BOUNDS)
                                                 .percentiles(new double[0])
                                                 .description("Duration of requests on a gateway route, from the request "
                                                                      + "head until the response was sent"));
            timers.set(index, timer);
        }
        return timer;
    }

    /**
     * The timer of a slot if the registry has it: one this route made, or one with the same tags made earlier in the
     * JVM (tests start several gateways), whose count then already includes those requests.
     */
    private Timer existing(int index) {
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = registry.timer(DURATION, tags(index)).orElse(null);
            if (timer != null) {
                timers.compareAndSet(index, null, timer);
            }
        }
        return timer;
    }

    private List<Tag> tags(int index) {
        return List.of(Tag.create("route", route),
                       Tag.create("method", METHODS.get(index / STATUS_CLASSES.size())),
                       Tag.create("status", STATUS_CLASSES.get(index % STATUS_CLASSES.size())));
    }

    /**
     * A route's totals at one moment.
     *
     * @param requests   requests that got a response
     * @param errors     of those, responses with a 5xx status
     * @param cumulative for each bucket of {@link #BUCKETS}, requests that took at most its bound
     */
    record Tally(long requests, long errors, long[] cumulative) {
    }
}
