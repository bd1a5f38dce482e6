/**
 * Reports: what the latest results add up to ({@code HealthReport}: fail when a critical check fails, warn when a
 * non-critical one fails or any warns), the recent results of a check and its uptime ({@code CheckHistory}), and
 * the {@code application/health+json} document of either ({@code HealthDocument}).
 *
 * <p>Imports {@code check} and {@code probe}; knows nothing of refreshing or HTTP.
 */
package io.vigil.health.report;
