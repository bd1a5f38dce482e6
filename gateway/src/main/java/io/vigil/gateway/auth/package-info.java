/**
 * Who may call {@code /api/*}: API keys held as SHA-256 digests, compared in constant time, and the {@code Caller}
 * the rate limit counts. Imports nothing from the rest of the gateway.
 */
package io.vigil.gateway.auth;
