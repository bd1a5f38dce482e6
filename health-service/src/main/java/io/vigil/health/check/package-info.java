/**
 * Checks: a configured check ({@code CheckSettings}: name, type, criticality, timeout, warning threshold, circuit
 * breaker) and running it once ({@code Check}): its probe on a virtual thread within the timeout, behind its own
 * circuit breaker, classified as a {@code CheckResult} (pass, warn or fail) and recorded in its meters.
 *
 * <p>Imports {@code probe} only; knows nothing of reports, refreshing or HTTP.
 */
package io.vigil.health.check;
