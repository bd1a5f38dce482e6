/**
 * The analysis engine: bytes in, blocks split at line boundaries, parsed and aggregated by one worker per
 * core into partial results that merge (exact counts up to a cap, mergeable sketches beyond it).
 */
package io.vigil.logparse.engine;
