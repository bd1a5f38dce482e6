/**
 * health-service: the service itself. {@code Main} wires it, {@code HealthSettings} reads the {@code health}
 * section, {@code CheckRunner} runs every check concurrently on virtual threads in the background and keeps the
 * latest report, and {@code ChecksService} serves it as {@code application/health+json} on {@code /v1/checks}.
 *
 * <p>The parts, each a package that imports only the ones after it: {@code report} (the overall status, history and
 * the health+json document), {@code check} (a configured check: its timeout, circuit breaker, result and meters) and
 * {@code probe} (how one dependency is looked at: http, tcp, dns, disk, heap). {@code PackageBoundariesTest} holds
 * them to that.
 */
package io.vigil.health;
