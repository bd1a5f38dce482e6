package io.vigil.common.accesslog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * The {@code access-log} section.
 *
 * @param format       json (default), combined or off ({@code access-log.format})
 * @param output       {@value #STDOUT}, or the path of a file rotated by size ({@code access-log.output})
 * @param maxFileSize  a file is rotated before a line would take it past this many bytes
 *                     ({@code access-log.max-file-size}, default 100 MiB)
 * @param maxFiles     files kept, the current one included ({@code access-log.max-files}, default 5)
 * @param queueSize    lines waiting for the writer thread; more are dropped and counted
 *                     ({@code access-log.queue-size}, default 8192)
 * @param includeQuery whether the query string is logged, secret-looking values redacted
 *                     ({@code access-log.include-query}, default false)
 * @param excludePaths path prefixes that are not logged ({@code access-log.exclude-paths}, default {@code /observe}:
 *                     health and metrics probes)
 */
public record AccessLogSettings(AccessLogFormat format, String output, long maxFileSize, int maxFiles, int queueSize,
                                boolean includeQuery, List<String> excludePaths) {
    /** The {@code output} that means standard output. */
    public static final String STDOUT = "stdout";
    /** JSON lines on stdout, probes left out. */
    public static final AccessLogSettings DEFAULTS = new AccessLogSettings(AccessLogFormat.JSON, STDOUT, 100L << 20, 5,
                                                                           8192, false, List.of("/observe"));

    private static final Set<String> KEYS = Set.of("format", "output", "max-file-size", "max-files", "queue-size",
                                                   "include-query", "exclude-paths");
    private static final String PATHS = "path prefixes starting with '/', as a list or comma-separated";

    /**
     * Creates settings.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public AccessLogSettings {
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("output: '" + output + "' (expected: stdout or a file path)");
        }
        if (maxFileSize < 1024 || maxFiles < 1 || queueSize < 1) {
            throw new IllegalArgumentException("max-file-size " + maxFileSize + ", max-files " + maxFiles + ", queue-size "
                                               + queueSize + " (expected: >= 1 KiB, >= 1, >= 1)");
        }
        excludePaths = List.copyOf(excludePaths);
    }

    /**
     * Reads and validates the {@code access-log} section.
     *
     * @param section the {@code access-log} configuration node
     * @return validated settings
     * @throws InvalidConfigException naming the first invalid key
     */
    public static AccessLogSettings create(Config section) {
        ConfigValues.onlyKnown(section, KEYS);
        return new AccessLogSettings(
                ConfigValues.oneOf(section.get("format"), DEFAULTS.format(), AccessLogSettings::format,
                                   "one of json, combined, off"),
                ConfigValues.nonBlank(section.get("output"), DEFAULTS.output()),
                ConfigValues.bytesIn(section.get("max-file-size"), DEFAULTS.maxFileSize(), 1024, 1L << 40),
                ConfigValues.intIn(section.get("max-files"), DEFAULTS.maxFiles(), 1, 1000),
                ConfigValues.intIn(section.get("queue-size"), DEFAULTS.queueSize(), 1, 1 << 20),
                ConfigValues.oneOf(section.get("include-query"), DEFAULTS.includeQuery(), AccessLogSettings::bool,
                                   "true or false"),
                excludePaths(section.get("exclude-paths")));
    }

    /**
     * Whether the access log writes to standard output.
     *
     * @return {@code true} for {@value #STDOUT}
     */
    public boolean stdout() {
        return STDOUT.equalsIgnoreCase(output);
    }

    /**
     * A format's name; {@code false} is {@code off}, since YAML reads an unquoted {@code format: off} as a boolean and
     * Helidon hands it over as {@code false}.
     */
    private static AccessLogFormat format(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return "FALSE".equals(name) ? AccessLogFormat.OFF : AccessLogFormat.valueOf(name);
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** A list, or one value with comma-separated prefixes (so an environment variable can set it); empty logs all. */
    private static List<String> excludePaths(Config node) {
        if (!node.exists()) {
            return DEFAULTS.excludePaths();
        }
        List<Config> items = node.hasValue() ? List.of(node) : node.asNodeList().orElse(List.of());
        List<String> prefixes = new ArrayList<>();
        for (Config item : items) {
            String text = item.asString().orElse("");
            for (String prefix : text.split(",")) {
                String trimmed = prefix.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!trimmed.startsWith("/")) {
                    throw new InvalidConfigException(item.key().toString(), text, PATHS);
                }
                prefixes.add(trimmed.length() > 1 && trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1)
                                     : trimmed);
            }
        }
        return prefixes;
    }
}
