/**
 * The analysis engine: bytes in, blocks split at line boundaries, parsed and aggregated by one worker per
 * core into partial results that merge (exact counts up to a cap, mergeable sketches beyond it).
 *
 * <p>Per worker, as in the fastest One Billion Row Challenge entries: one reused record
 * ({@link io.vigil.logparse.format.ParsedLine}), counters that are open-addressing tables over primitive arrays with
 * short keys inside their slots, lookups in batches so that cache misses overlap, and no shared mutable state until
 * the merge. Its limits are its own ({@link io.vigil.logparse.engine.EngineLimits}); it imports no HTTP and nothing of
 * the service around it.
 */
package io.vigil.logparse.engine;
