package io.vigil.logparse;

/**
 * What {@code GET /v1/formats} says about one log format.
 *
 * @param name        format name used in {@code format=}, e.g. {@code combined}
 * @param description one sentence for humans
 * @param sample      a line in this format
 */
public record FormatDescription(String name, String description, String sample) {
}
