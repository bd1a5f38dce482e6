package io.vigil.health;

import java.util.Locale;

/**
 * The status of a check or of the whole report, as draft-inadarei-api-health-check names them.
 */
enum HealthStatus {
    /** The dependency answered as expected, in time. */
    PASS,
    /** Usable but degraded: slower than its threshold, or a non-critical dependency failing. */
    WARN,
    /** Not usable: wrong answer, no answer in time, or its circuit is open. */
    FAIL;

    /**
     * The name used in documents and metrics.
     *
     * @return {@code pass}, {@code warn} or {@code fail}
     */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The worse of this status and another.
     *
     * @param other another status
     * @return the one further from {@link #PASS}
     */
    HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
