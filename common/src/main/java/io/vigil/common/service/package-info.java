/**
 * The bootstrap every service's {@code Main} uses: configuration, logging, observability endpoints,
 * error handling, request ids, tracing and graceful shutdown in one place.
 */
package io.vigil.common.service;
