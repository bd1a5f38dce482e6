/**
 * The endpoints of an upstream, in the manner of Armeria's {@code client/endpoint}: where they are
 * ({@code Discovery}: a list, or a DNS name re-resolved), whether they are ready ({@code ReadinessProbe}, with
 * Helidon's WebClient), whether they misbehave ({@code OutlierEjection}, after Envoy's outlier detection), which one
 * takes the next request ({@code PowerOfTwoChoices}), and each endpoint's own connection pool, circuit breaker and
 * meters. It knows nothing of requests, routes or the web server: {@code proxy} asks it for an endpoint and tells it
 * how calls went ({@code Endpoint.call}).
 */
package io.vigil.gateway.endpoint;
