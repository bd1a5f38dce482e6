package io.vigil.gateway;

import java.util.Locale;
import java.util.Optional;

/**
 * A status of draft-inadarei-api-health-check, ordered from best to worst.
 */
enum HealthStatus {
    /** Healthy. */
    PASS,
    /** Healthy, with concerns. */
    WARN,
    /** Unhealthy. */
    FAIL;

    /**
     * The value as written in the document.
     *
     * @return {@code pass}, {@code warn} or {@code fail}
     */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The worse of two statuses.
     *
     * @param other another status
     * @return the worse one
     */
    HealthStatus worst(HealthStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Reads a status, accepting the draft's aliases ({@code ok}/{@code up}, {@code down}/{@code error}).
     *
     * @param text the value
     * @return the status, or empty when it is not one
     */
    static Optional<HealthStatus> parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "pass", "ok", "up" -> Optional.of(PASS);
            case "warn" -> Optional.of(WARN);
            case "fail", "down", "error" -> Optional.of(FAIL);
            default -> Optional.empty();
        };
    }
}
