/**
 * {@code GET /api/v1/health}: the gateway's view of every upstream, endpoint by endpoint, with health-service's report
 * merged in, as {@code application/health+json}.
 */
package io.vigil.gateway.health;
