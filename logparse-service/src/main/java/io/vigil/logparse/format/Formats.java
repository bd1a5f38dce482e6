package io.vigil.logparse.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The supported log formats, in detection order, and lookup by name.
 */
public final class Formats {
    /** Name of the fallback format, which parses every line. */
    public static final String TEXT = "text";

    private static final List<String> NAMES = all(TimeContext.utc()).stream().map(LineFormat::name).toList();

    private Formats() {
    }

    /**
     * Every format, in detection order (more specific first), {@code text} last.
     *
     * @param time zone and clock for timestamps without zone, year or date
     * @return the formats
     */
    public static List<LineFormat> all(TimeContext time) {
        return List.of(new CommonFormat(),
                       new CombinedFormat(),
                       new NginxErrorFormat(time),
                       new ApacheErrorFormat(time),
                       new Rfc3164Format(time),
                       new Rfc5424Format(time),
                       new LogfmtFormat(time),
                       new JsonFormat(time),
                       new Log4jFormat(time),
                       new PythonFormat(time),
                       new KlogFormat(time),
                       new LogcatFormat(time),
                       new TextFormat(time));
    }

    /**
     * The custom formats, compiled, followed by every built-in format: custom formats come first in detection, so that
     * a declared format wins over a built-in one that parses the same lines.
     *
     * @param time   zone and clock for timestamps without zone, year or date
     * @param custom formats declared in configuration
     * @return the formats, {@code text} last
     */
    public static List<LineFormat> all(TimeContext time, List<CustomFormat> custom) {
        List<LineFormat> formats = new ArrayList<>(custom.size() + NAMES.size());
        custom.forEach(format -> formats.add(format.compile(time)));
        formats.addAll(all(time));
        return List.copyOf(formats);
    }

    /**
     * Names of all formats, in detection order; the allowed values of {@code format=} besides {@code auto}.
     *
     * @return the names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The format with the given name, case-insensitive.
     *
     * @param name format name, e.g. {@code combined}
     * @param time zone and clock for timestamps without zone, year or date
     * @return the format, or empty for an unknown name
     */
    public static Optional<LineFormat> byName(String name, TimeContext time) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return all(time).stream().filter(format -> format.name().equals(wanted)).findFirst();
    }

    /**
     * The format a {@code format=} value names: an inline definition ({@code nginx:...}, {@code apache:...}), a custom
     * format by its name, or a built-in one.
     *
     * @param format the value
     * @param time   zone and clock for timestamps without zone, year or date
     * @param custom formats declared in configuration
     * @return the format, or empty for an unknown name
     * @throws FormatSyntaxException when an inline definition is wrong
     */
    public static Optional<LineFormat> byName(String format, TimeContext time, List<CustomFormat> custom) {
        if (CustomFormat.isDefinition(format)) {
            return Optional.of(CustomFormat.inline(format).compile(time));
        }
        return custom.stream().filter(c -> c.name().equals(format)).findFirst().map(c -> c.compile(time))
                .or(() -> byName(format, time));
    }
}
