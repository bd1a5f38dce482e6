/**
 * The gateway's configuration as validated records, each with {@code create(Config)}: upstreams (where their
 * endpoints are, timeouts, retries, circuit breakers, bulkhead, pools, outlier ejection, readiness probe), routes,
 * limits and health. An invalid value stops start-up with one line naming its key. Imports nothing from the rest of
 * the gateway.
 */
package io.vigil.gateway.config;
