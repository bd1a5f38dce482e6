/**
 * The fault-tolerance policies of an upstream, with Helidon fault tolerance: its bulkhead, and retries with full-jitter
 * backoff under a retry budget. Which failures may be retried is the proxy's decision (their type); circuit breakers
 * belong to each endpoint. Imports nothing from the proxy it guards.
 */
package io.vigil.gateway.proxy.resilience;
