package io.vigil.health.check;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.vigil.common.health.HealthStatus;

/**
 * The meters of one check, tagged {@code check=<name>}: a duration histogram
 * ({@code vigil_health_check_duration_seconds}), a status gauge ({@code vigil_health_check_status}: 0 pass,
 * 1 warn, 2 fail) and a failure counter ({@code vigil_health_check_failures_total}).
 */
public final class CheckMetrics {
    /** Name of the duration timer. */
    public static final String DURATION = "vigil.health.check.duration";
    /** Name of the status gauge. */
    public static final String STATUS = "vigil.health.check.status";
    /** Name of the failure counter. */
    public static final String FAILURES = "vigil.health.check.failures";

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Timer duration;
    private final Counter failures;
    private final AtomicInteger status;

    private CheckMetrics(Timer duration, Counter failures, AtomicInteger status) {
        this.duration = duration;
        this.failures = failures;
        this.status = status;
    }

    /**
     * Registers the meters of a check. A gauge left by an earlier instance with the same check name (tests
     * start several services in one JVM) is replaced, so that it reports this instance's status.
     *
     * @param registry where the meters live ({@code /observe/metrics} serves the global registry)
     * @param check    the check
     * @return its meters
     */
    public static CheckMetrics register(MeterRegistry registry, CheckSettings check) {
        List<Tag> tags = List.of(Tag.create("check", check.name()));
        AtomicInteger status = new AtomicInteger(HealthStatus.WARN.ordinal());
        registry.remove(STATUS, tags);
        registry.getOrCreate(Gauge.builder(STATUS, status, AtomicInteger::doubleValue)
                                     .tags(tags)
                                     .description("Latest status of the check: 0 pass, 1 warn, 2 fail"));
        Timer duration = registry.getOrCreate(Timer.builder(DURATION)
                                                      .tags(tags)
                                                      .buckets(BUCKETS)
                                                      .description("How long the check took, probe and guards together"));
        Counter failures = registry.getOrCreate(Counter.builder(FAILURES)
                                                        .tags(tags)
                                                        .description("Results of the check that were fail"));
        return new CheckMetrics(duration, failures, status);
    }

    /**
     * Records a result.
     *
     * @param result the check's newest result
     */
    public void record(CheckResult result) {
        duration.record(result.duration());
        status.set(result.status().ordinal());
        if (result.status() == HealthStatus.FAIL) {
            failures.increment();
        }
    }
}
