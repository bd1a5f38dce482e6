/**
 * A trace collector for tests where Jaeger cannot run (no registry to pull its image from): it receives spans over
 * Jaeger's gRPC collector protocol, as Jaeger's port 14250 does, keeps them in memory, and answers a subset of
 * Jaeger's query API ({@code GET /api/traces/{traceId}}) so that a test reads a trace the way it would from Jaeger.
 */
package io.vigil.tracecollector;
