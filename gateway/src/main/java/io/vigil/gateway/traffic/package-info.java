/**
 * The gateway's traffic per route and per API key: RED metrics of every request on {@code /api/*} (a duration
 * histogram with fixed buckets tagged by route, method and status class), the body bytes each route streams, requests
 * per API key, and {@code GET /api/v1/traffic}, a rolling window of the same meters for the dashboard's Traffic page.
 *
 * <p>It knows the {@link io.vigil.gateway.auth.Caller} that access control registers and the gateway's configuration;
 * it imports no proxy, upstream or HTTP/1.1 client code (the proxy reports streamed bytes to {@link
 * io.vigil.gateway.traffic.RouteMeters}).
 */
package io.vigil.gateway.traffic;
