package io.vigil.health.check;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.health.probe.CheckType;
import io.vigil.health.probe.Probe;

/**
 * One entry of {@code health.checks}: what to check and how strictly.
 *
 * @param name      unique name, used in URLs, metric tags and {@code "name:measurement"} keys
 * @param type      kind of check
 * @param critical  whether its failure fails the whole report ({@code critical}, default true); a failing
 *                  non-critical check only makes it {@code warn}
 * @param timeout   longest a probe may take ({@code timeout}, default 1 s); then the check fails
 * @param warnAbove response time above which a passing check is {@code warn} ({@code warn-above}; http, tcp
 *                  and dns checks only)
 * @param breaker   its circuit breaker ({@code circuit-breaker})
 * @param probe     how the dependency is looked at
 */
public record CheckSettings(String name, CheckType type, boolean critical, Duration timeout, Optional<Duration> warnAbove,
                     BreakerSettings breaker, Probe probe) {
    /** Timeout of a check that configures none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** Longest timeout a check may have. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    private static final Set<String> COMMON_KEYS = Set.of("name", "type", "critical", "timeout", "circuit-breaker");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String NAME_EXPECTED = "a name of 1 to 64 letters, digits, '.', '_' or '-'";

    /**
     * Reads and validates one check.
     *
     * @param node the list entry
     * @return validated settings
     * @throws InvalidConfigException naming the check and the key
     */
    public static CheckSettings create(Config node) {
        String name = ConfigValues.required(node.get("name"), NAME_EXPECTED);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConfigException(node.get("name").key().toString(), name, NAME_EXPECTED);
        }
        try {
            return create(name, node);
        } catch (InvalidConfigException e) {
            throw e.in("check \"" + name + "\"");
        }
    }

    private static CheckSettings create(String name, Config node) {
        CheckType type = type(node.get("type"));
        Set<String> known = new HashSet<>(COMMON_KEYS);
        known.addAll(type.keys());
        ConfigValues.onlyKnown(node, known);
        Duration timeout = ConfigValues.durationIn(node.get("timeout"), DEFAULT_TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT);
        return new CheckSettings(name, type,
                                 ConfigValues.oneOf(node.get("critical"), true, CheckSettings::bool, "true or false"),
                                 timeout,
                                 warnAbove(node.get("warn-above"), timeout),
                                 BreakerSettings.create(node.get("circuit-breaker")),
                                 type.probe(node, timeout));
    }

    private static CheckType type(Config node) {
        String expected = "one of http, tcp, dns, disk, heap";
        String text = ConfigValues.required(node, expected);
        try {
            return CheckType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(node.key().toString(), text, expected);
        }
    }

    private static Optional<Duration> warnAbove(Config node, Duration timeout) {
        if (!node.exists()) {
            return Optional.empty();
        }
        Duration warnAbove = ConfigValues.durationIn(node, null, Duration.ZERO, MAX_TIMEOUT);
        if (warnAbove.compareTo(timeout) >= 0) {
            throw new InvalidConfigException(node.key().toString(), node.asString().orElse(""),
                                             "an ISO-8601 duration shorter than the check's timeout " + timeout);
        }
        return Optional.of(warnAbove);
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("boolean: " + text + " (expected: true or false)");
        };
    }
}
