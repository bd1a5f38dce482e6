package io.vigil.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/**
 * Reads single configuration values and checks them, so that a wrong value stops start-up with an
 * {@link InvalidConfigException} naming the key instead of a stack trace from deep inside a library.
 * A missing key yields the given default, unless the value is required; a present but invalid one is always an
 * error. {@link #onlyKnown} checks the shape of a section: a key it does not know (usually a typo) is an error too.
 */
public final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*((?i)B|KiB|MiB|GiB|KB|MB|GB)?");

    private ConfigValues() {
    }

    /**
     * An integer within bounds.
     *
     * @param node         configuration node
     * @param defaultValue used when the node is missing
     * @param min          smallest allowed value
     * @param max          largest allowed value
     * @return the value
     */
    public static int intIn(Config node, int defaultValue, int min, int max) {
        String expected = "an integer " + min + ".." + max;
        return raw(node).map(text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw invalid(node, text, expected);
        }).orElse(defaultValue);
    }

    /**
     * A size in bytes within bounds: a whole number, optionally followed by a unit ({@code B}, {@code KiB},
     * {@code MiB}, {@code GiB}, or the decimal {@code KB}, {@code MB}, {@code GB}), such as {@code 1GiB} or
     * {@code 65536}.
     *
     * @param node         configuration node
     * @param defaultValue used when the node is missing
     * @param min          smallest allowed size
     * @param max          largest allowed size
     * @return the size in bytes
     */
    public static long bytesIn(Config node, long defaultValue, long min, long max) {
        String expected = "a size " + min + ".." + max + " bytes, such as 65536, 64KiB or 1GiB";
        return raw(node).map(text -> {
            Matcher size = SIZE.matcher(text.trim());
            if (size.matches()) {
                try {
                    String unit = size.group(2) == null ? "b" : size.group(2);
                    long value = Math.multiplyExact(Long.parseLong(size.group(1)), unit(unit));
                    if (value >= min && value <= max) {
                        return value;
                    }
                } catch (ArithmeticException | NumberFormatException e) {
                    // falls through to the error below
                }
            }
            throw invalid(node, text, expected);
        }).orElse(defaultValue);
    }

    /**
     * A duration in ISO-8601 form ({@code PT5S}, {@code PT0.5S}) within bounds.
     *
     * @param node         configuration node
     * @param defaultValue used when the node is missing
     * @param min          shortest allowed duration
     * @param max          longest allowed duration
     * @return the duration
     */
    public static Duration durationIn(Config node, Duration defaultValue, Duration min, Duration max) {
        String expected = "an ISO-8601 duration " + min + ".." + max + ", such as PT5S";
        return raw(node).map(text -> {
            try {
                Duration value = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
                if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                    return value;
                }
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
            throw invalid(node, text, expected);
        }).orElse(defaultValue);
    }

    /**
     * One of the constants of an enum, matched case-insensitively with {@code -} standing for {@code _}.
     *
     * @param node         configuration node
     * @param defaultValue used when the node is missing
     * @param <E>          enum type
     * @return the constant
     */
    public static <E extends Enum<E>> E oneOf(Config node, E defaultValue) {
        Class<E> type = defaultValue.getDeclaringClass();
        return oneOf(node, defaultValue, text -> Enum.valueOf(type, text.trim().replace('-', '_').toUpperCase(Locale.ROOT)),
                     allowed(type));
    }

    /**
     * A value converted by {@code parser}; any exception from the parser means the value is invalid.
     *
     * @param node         configuration node
     * @param defaultValue used when the node is missing
     * @param parser       converts the configured text
     * @param expected     what a valid value looks like, for the error message
     * @param <T>          type of the value
     * @return the converted value
     */
    public static <T> T oneOf(Config node, T defaultValue, Function<String, T> parser, String expected) {
        return raw(node).map(text -> {
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw invalid(node, text, expected);
            }
        }).orElse(defaultValue);
    }

    /**
     * A non-blank text.
     *
     * @param node         configuration node
     * @param defaultValue used when the node is missing
     * @return the trimmed text
     */
    public static String nonBlank(Config node, String defaultValue) {
        return raw(node).map(text -> {
            if (text.isBlank()) {
                throw invalid(node, text, "a non-empty text");
            }
            return text.trim();
        }).orElse(defaultValue);
    }

    /**
     * An absolute {@code http} or {@code https} URI with a host, such as {@code http://localhost:8082}.
     * Required: a missing key is an error too.
     *
     * @param node configuration node
     * @return the URI
     */
    public static URI httpUri(Config node) {
        String expected = "an absolute http(s) URI such as http://localhost:8082";
        String text = raw(node).orElseThrow(() -> invalid(node, "", expected));
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // falls through to the error below
        }
        throw invalid(node, text, expected);
    }

    /**
     * The text of a key that must be present.
     *
     * @param node     configuration node
     * @param expected what a valid value looks like
     * @return the trimmed, non-blank text
     * @throws InvalidConfigException when the key is missing, blank or a section
     */
    public static String required(Config node, String expected) {
        if (!node.exists()) {
            throw invalid(node, "", expected + "; the key is required");
        }
        if (!node.isLeaf()) {
            throw invalid(node, "<a section>", expected);
        }
        String text = node.asString().orElse("");
        if (text.isBlank()) {
            throw invalid(node, text, expected);
        }
        return text.trim();
    }

    /**
     * Rejects keys of a section that are not among the known ones.
     *
     * @param section configuration section
     * @param known   the keys it may have
     * @throws InvalidConfigException naming the first unknown key
     */
    public static void onlyKnown(Config section, Set<String> known) {
        for (Config child : section.asNodeList().orElse(List.of())) {
            if (!known.contains(child.name())) {
                String value = child.isLeaf() ? child.asString().orElse("") : "<a section>";
                throw invalid(child, value, "a known key: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static long unit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
    }

    private static Optional<String> raw(Config node) {
        if (!node.exists()) {
            return Optional.empty();
        }
        if (!node.isLeaf()) {
            throw invalid(node, "<a section>", "a single value");
        }
        return node.asString().asOptional();
    }

    private static InvalidConfigException invalid(Config node, String value, String expected) {
        return new InvalidConfigException(node.key().toString(), value, expected);
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder names = new StringBuilder("one of ");
        E[] constants = type.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            names.append(i == 0 ? "" : ", ").append(constants[i].name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return names.toString();
    }
}
