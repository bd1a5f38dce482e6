package io.vigil.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.health.check.CheckSettings;

/**
 * The {@code health} section: which checks to run, how often, and how the report names itself.
 *
 * @param refreshInterval how often all checks run ({@code health.refresh-interval}, default 5 s)
 * @param historySize     results kept per check for {@code GET /v1/checks/{name}} and its uptime
 *                        ({@code health.history-size}, default 20)
 * @param serviceId       {@code serviceId} of the report ({@code health.service-id}, default {@code vigil})
 * @param description     {@code description} of the report ({@code health.description})
 * @param checks          the checks ({@code health.checks}), in configuration order; may be empty
 */
public record HealthSettings(Duration refreshInterval, int historySize, String serviceId, String description,
                      List<CheckSettings> checks) {
    /** Default of {@code health.description}. */
    public static final String DEFAULT_DESCRIPTION = "Dependencies of the Vigil platform as health-service sees them";

    /**
     * Creates settings.
     */
    public HealthSettings {
        checks = List.copyOf(checks);
    }

    /**
     * Reads and validates the {@code health} section.
     *
     * @param health the {@code health} configuration node, possibly missing
     * @return validated settings
     * @throws InvalidConfigException naming the first invalid key (and the check it belongs to)
     */
    public static HealthSettings create(Config health) {
        return new HealthSettings(
                ConfigValues.durationIn(health.get("refresh-interval"), Duration.ofSeconds(5), Duration.ofMillis(10),
                                        Duration.ofHours(1)),
                ConfigValues.intIn(health.get("history-size"), 20, 1, 1000),
                ConfigValues.nonBlank(health.get("service-id"), "vigil"),
                ConfigValues.nonBlank(health.get("description"), DEFAULT_DESCRIPTION),
                checks(health.get("checks")));
    }

    private static List<CheckSettings> checks(Config node) {
        if (!node.exists()) {
            return List.of();
        }
        if (node.isLeaf()) {
            throw new InvalidConfigException(node.key().toString(), node.asString().orElse(""), "a list of checks");
        }
        List<CheckSettings> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Config entry : node.asNodeList().orElse(List.of())) {
            CheckSettings check = CheckSettings.create(entry);
            if (!names.add(check.name())) {
                throw new InvalidConfigException(entry.get("name").key().toString(), check.name(),
                                                 "a name no other check has");
            }
            checks.add(check);
        }
        return checks;
    }
}
