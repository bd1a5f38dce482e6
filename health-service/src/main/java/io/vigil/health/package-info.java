/**
 * health-service: runs the configured dependency checks (http, tcp, dns, disk, heap) concurrently on virtual
 * threads, each within its timeout and behind its circuit breaker, refreshes them in the background and
 * serves the cached results as {@code application/health+json} on {@code /v1/checks}.
 */
package io.vigil.health;
