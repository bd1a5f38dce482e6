/**
 * Logging: one JSON object per line on stdout ({@code ts}, {@code level}, {@code logger}, {@code msg},
 * {@code requestId}, ...), or a readable text line with {@code LOG_FORMAT=text}.
 */
package io.vigil.common.logging;
