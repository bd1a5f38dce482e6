package io.vigil.common;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of an operation whose failure is data rather than an exception: a parsed line, a health
 * check, an upstream call. Either {@link Ok} with a value or {@link Err} with a human-readable reason.
 *
 * @param <T> type of the value on success
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    /**
     * A successful result.
     *
     * @param value the value, never {@code null}
     * @param <T>   type of the value
     */
    record Ok<T>(T value) implements Result<T> {
        /**
         * Creates a successful result.
         *
         * @param value the value, never {@code null}
         */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A failed result.
     *
     * @param reason why it failed, in words a user can act on; never blank
     * @param <T>    type the value would have had
     */
    record Err<T>(String reason) implements Result<T> {
        /**
         * Creates a failed result.
         *
         * @param reason why it failed, never blank
         */
        public Err {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason: '" + reason + "' (expected: a non-blank text)");
            }
        }
    }

    /**
     * A successful result.
     *
     * @param value the value
     * @param <T>   type of the value
     * @return {@link Ok} holding the value
     */
    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    /**
     * A failed result.
     *
     * @param reason why it failed
     * @param <T>    type the value would have had
     * @return {@link Err} holding the reason
     */
    static <T> Result<T> err(String reason) {
        return new Err<>(reason);
    }

    /**
     * Transforms the value of a successful result; a failure passes through unchanged.
     *
     * @param mapper function applied to the value
     * @param <U>    type of the new value
     * @return the mapped result
     */
    default <U> Result<U> map(Function<? super T, ? extends U> mapper) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(mapper.apply(ok.value()));
            case Err<T> err -> new Err<>(err.reason());
        };
    }

    /**
     * Chains an operation that can itself fail; a failure passes through unchanged.
     *
     * @param mapper next operation, applied to the value
     * @param <U>    type of the next operation's value
     * @return the next operation's result, or this failure
     */
    default <U> Result<U> flatMap(Function<? super T, Result<U>> mapper) {
        return switch (this) {
            case Ok<T> ok -> mapper.apply(ok.value());
            case Err<T> err -> new Err<>(err.reason());
        };
    }

    /**
     * The value on success, otherwise what {@code fallback} makes of the failure reason.
     *
     * @param fallback produces a value from the failure reason
     * @return the value or the fallback
     */
    default T orElseGet(Function<String, ? extends T> fallback) {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err -> fallback.apply(err.reason());
        };
    }

    /**
     * Whether this result is a success.
     *
     * @return {@code true} for {@link Ok}
     */
    default boolean isOk() {
        return this instanceof Ok<T>;
    }
}
