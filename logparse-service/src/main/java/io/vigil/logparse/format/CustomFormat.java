package io.vigil.logparse.format;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A log format defined by the user: an nginx {@code log_format} string written {@code nginx:<log_format>}, or an
 * Apache {@code LogFormat} string written {@code apache:<LogFormat>}, under a name. The string is checked when the
 * value is created and compiled into a byte-level parser by {@link #compile}.
 *
 * @param name       the name used in {@code format=} and in responses: the configured name, or the definition itself
 *                   for a format given inline
 * @param definition {@code nginx:...} or {@code apache:...}
 */
public record CustomFormat(String name, String definition) {
    /** Prefix of an nginx {@code log_format} definition. */
    public static final String NGINX = "nginx:";
    /** Prefix of an Apache {@code LogFormat} definition. */
    public static final String APACHE = "apache:";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /**
     * Creates a format and compiles its definition once to check it.
     *
     * @throws FormatSyntaxException    when the format string is wrong, naming the position
     * @throws IllegalArgumentException when the definition has neither prefix
     */
    public CustomFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        parts(definition);
    }

    /**
     * A format given inline, e.g. in {@code format=nginx:...}; it is named by its definition.
     *
     * @param definition {@code nginx:...} or {@code apache:...}
     * @return the format
     * @throws FormatSyntaxException    when the format string is wrong, naming the position
     * @throws IllegalArgumentException when the definition has neither prefix
     */
    public static CustomFormat inline(String definition) {
        return new CustomFormat(definition, definition);
    }

    /**
     * A format declared in configuration under a name.
     *
     * @param name       lower-case letters, digits, {@code -} and {@code _}, starting with a letter; not a built-in name
     * @param definition {@code nginx:...} or {@code apache:...}
     * @return the format
     * @throws IllegalArgumentException when the name is not allowed or the definition is wrong
     */
    public static CustomFormat named(String name, String definition) {
        if (!NAME.matcher(name).matches() || Formats.names().contains(name) || name.equals("auto")) {
            throw new IllegalArgumentException("format name " + name + " (expected: lower-case letters, digits, - and _,"
                                               + " starting with a letter, and not auto or a built-in format)");
        }
        return new CustomFormat(name, definition);
    }

    /**
     * Whether a {@code format=} value is an inline definition rather than a name.
     *
     * @param format the value
     * @return {@code true} when it starts with {@value #NGINX} or {@value #APACHE}
     */
    public static boolean isDefinition(String format) {
        return format.startsWith(NGINX) || format.startsWith(APACHE);
    }

    /**
     * Compiles the definition into a parser.
     *
     * @param time zone and clock for times without a zone
     * @return the parser
     */
    public LineFormat compile(TimeContext time) {
        String syntax = definition.startsWith(NGINX) ? NginxLogFormat.SYNTAX : ApacheLogFormat.SYNTAX;
        return new CompiledFormat(name, "custom " + syntax + ": " + body(definition), parts(definition), time);
    }

    private static List<FormatPart> parts(String definition) {
        if (definition.startsWith(NGINX)) {
            return NginxLogFormat.compile(body(definition));
        }
        if (definition.startsWith(APACHE)) {
            return ApacheLogFormat.compile(body(definition));
        }
        throw new IllegalArgumentException("format definition " + definition + " (expected: nginx:<log_format> or "
                                           + "apache:<LogFormat>)");
    }

    private static String body(String definition) {
        return definition.substring(definition.indexOf(':') + 1);
    }
}
