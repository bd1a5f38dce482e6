package io.vigil.common.health;

import java.util.Locale;
import java.util.Optional;

/**
 * A status of draft-inadarei-api-health-check (application/health+json), ordered from best to worst.
 */
public enum HealthStatus {
    /** Healthy: the dependency answered as expected, in time. */
    PASS,
    /** Usable but degraded: slower than its threshold, or a non-critical dependency failing. */
    WARN,
    /** Not usable: wrong answer, no answer in time, or its circuit is open. */
    FAIL;

    /**
     * The value as written in documents and metrics.
     *
     * @return {@code pass}, {@code warn} or {@code fail}
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The worse of this status and another.
     *
     * @param other another status
     * @return the one further from {@link #PASS}
     */
    public HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * Reads a status, accepting the draft's aliases ({@code ok}/{@code up}, {@code down}/{@code error}).
     *
     * @param text the value
     * @return the status, or empty when it is not one
     */
    public static Optional<HealthStatus> parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "pass", "ok", "up" -> Optional.of(PASS);
            case "warn" -> Optional.of(WARN);
            case "fail", "down", "error" -> Optional.of(FAIL);
            default -> Optional.empty();
        };
    }
}
