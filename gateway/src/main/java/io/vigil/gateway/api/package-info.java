/**
 * The gateway's own routes: the configured routes to upstreams ({@code RouteService}), the OpenAPI document and the
 * dashboard's files. Forwarding itself is {@code proxy}'s.
 */
package io.vigil.gateway.api;
