/**
 * The format layer of the log-parsing engine: byte-level parsers for each supported log format, the reusable
 * {@link io.vigil.logparse.format.ParsedLine} they fill, and format auto-detection.
 *
 * <p>Everything on the per-line path works on {@code byte[]} ranges and allocates nothing per line: no
 * {@code String} per field, no regular expressions, no boxing. Formats are immutable and may be shared between
 * threads; a {@link io.vigil.logparse.format.ParsedLine} (with its caches and scratch buffer) belongs to one worker.
 */
package io.vigil.logparse.format;
