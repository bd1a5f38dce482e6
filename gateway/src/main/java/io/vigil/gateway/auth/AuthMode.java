package io.vigil.gateway.auth;

/**
 * How the gateway authenticates callers of {@code /api/*} ({@code gateway.auth.mode}).
 */
public enum AuthMode {
    /** Every request needs a configured API key (the default). */
    API_KEY,
    /** No authentication: for the local profile only; logged as a warning at start-up. */
    NONE
}
