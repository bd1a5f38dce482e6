/**
 * The format layer of the log-parsing engine: byte-level parsers for each supported log format, the reusable
 * {@link io.vigil.logparse.format.ParsedLine} they fill, and format auto-detection.
 *
 * <p>Everything on the per-line path works on {@code byte[]} ranges and allocates nothing per line: no object or
 * {@code String} per field, no regular expressions, no boxing. Delimiters are found eight bytes at a time
 * ({@link io.vigil.logparse.format.Swar}), short numbers are parsed without a branch per digit, and timestamps that
 * repeat the line before are recognised by comparing words. Formats are immutable and may be shared between threads;
 * a {@link io.vigil.logparse.format.ParsedLine} (with its memos and scratch buffer) belongs to one worker.
 *
 * <p>A new format is a {@link io.vigil.logparse.format.LineFormat} that writes each
 * {@link io.vigil.logparse.format.Field} as a range of the line and the numbers as primitives; the engine counts
 * whatever it sets. Imports nothing of the engine or of HTTP.
 */
package io.vigil.logparse.format;
