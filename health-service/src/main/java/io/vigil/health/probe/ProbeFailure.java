package io.vigil.health.probe;

import java.io.Serial;
import java.util.Optional;

/**
 * A probe that failed, as the circuit breaker must see it: the dependency answered wrongly (with the reading
 * that shows it), did not answer in time, or could not be reached. Carries no stack trace: it is data.
 */
public final class ProbeFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Reading reading;

    private ProbeFailure(String reason, Reading reading) {
        super(reason, null, false, false);
        this.reading = reading;
    }

    /**
     * A failure without a reading.
     *
     * @param reason why, in words an operator can act on
     * @return the failure
     */
    public static ProbeFailure because(String reason) {
        return new ProbeFailure(reason, null);
    }

    /**
     * A failure shown by a reading.
     *
     * @param reading a reading with a failure
     * @return the failure
     */
    public static ProbeFailure of(Reading reading) {
        return new ProbeFailure(reading.failure().orElseThrow(), reading);
    }

    /**
     * The reading that showed the failure.
     *
     * @return the reading; empty when the probe produced none
     */
    public Optional<Reading> reading() {
        return Optional.ofNullable(reading);
    }

    /**
     * Describes an exception thrown by a probe for the check's output: its type and message, after
     * unwrapping the wrappers that say nothing themselves.
     *
     * @param thrown what the probe threw
     * @return such as {@code ConnectException: Connection refused}
     */
    public static String describe(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && (cause instanceof java.io.UncheckedIOException
                || cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
