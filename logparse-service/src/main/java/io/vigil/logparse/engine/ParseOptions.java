package io.vigil.logparse.engine;

import java.util.Objects;

/**
 * What a parse (NDJSON) request asks for.
 *
 * @param analyze       format, zone and clock, as for an analysis
 * @param skipMalformed leave malformed lines out instead of writing {@code {"line","error","raw"}}
 */
public record ParseOptions(AnalyzeOptions analyze, boolean skipMalformed) {
    /**
     * Creates options.
     */
    public ParseOptions {
        Objects.requireNonNull(analyze, "analyze");
    }
}
