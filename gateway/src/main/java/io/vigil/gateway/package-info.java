/**
 * The gateway: Vigil's one public API, in front of logparse-service and health-service. This package is the wiring
 * ({@code Main}: routes, filters and services in one screen) and the root of the configuration
 * ({@code GatewaySettings}); nothing else imports it. The parts, each a package:
 * <ul>
 *     <li>{@code api}: the routes from configuration, the OpenAPI document and the dashboard;</li>
 *     <li>{@code auth}: API keys;</li>
 *     <li>{@code config}: the validated settings of upstreams, routes, limits and health;</li>
 *     <li>{@code endpoint}: an upstream's endpoints: discovery, readiness probes, balancing, outlier ejection;</li>
 *     <li>{@code health}: {@code GET /api/v1/health};</li>
 *     <li>{@code http1}: the HTTP/1.1 wire protocol of the upstream side and its connection pool;</li>
 *     <li>{@code proxy}: forwarding a request along its route, and {@code proxy.resilience} its bulkhead and retries.</li>
 * </ul>
 * The rate limit still lives here ({@code RateLimitFilter}). {@code PackageBoundariesTest} checks what each package
 * may import.
 */
package io.vigil.gateway;
