/**
 * Probes: how one dependency is looked at once (an HTTP request, a TCP connect, a DNS lookup, free disk space, heap
 * use), what each measures, and {@code CheckType}, which makes the probe a check's {@code type} names from its
 * configuration. A probe blocks and knows nothing of timeouts beyond its sockets', circuit breakers or reports.
 *
 * <p>Imports nothing from the other health-service packages.
 */
package io.vigil.health.probe;
