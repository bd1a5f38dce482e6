package io.vigil.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The configuration keys a service knows, read from its {@code src/main/resources/application.yaml} (the defaults in
 * its jar, where every key is listed), so that a key set by deploy/ that the service does not read — a typo — fails
 * a test instead of being silently ignored at run time.
 */
final class ConfigKeys {
    /** First segments of the environment variables that are Helidon config keys (SERVER_PORT is server.port). */
    static final Set<String> SECTIONS = Set.of("server", "log", "access-log", "gateway", "health", "logparse", "tracing");

    /**
     * Keys of features built in parallel (API keys, rate limits, health checks): checked as soon as the
     * service's application.yaml defines them, skipped before.
     */
    private static final List<String> PENDING = List.of("gateway.auth", "gateway.rate-limit", "gateway.limits",
                                                        "gateway.health", "health");

    /** Lists that have no default entry, so application.yaml only mentions them in a comment. */
    private static final Set<String> LISTS_WITHOUT_DEFAULTS = Set.of("gateway.auth.keys");

    private final String service;
    private final Map<String, Object> defaults;

    private ConfigKeys(String service, Map<String, Object> defaults) {
        this.service = service;
        this.defaults = defaults;
    }

    static ConfigKeys of(String service) {
        Map<String, Object> yaml = new Yaml().load(Repo.read(service + "/src/main/resources/application.yaml"));
        return new ConfigKeys(service, yaml == null ? Map.of() : yaml);
    }

    /**
     * The config key an environment variable sets, by Helidon's mapping, when it sets one.
     *
     * @param name the variable
     * @return its key ({@code GATEWAY_RATE_dash_LIMIT_BURST} is {@code gateway.rate-limit.burst})
     */
    static Optional<String> keyOfVariable(String name) {
        String key = name.replace("_dash_", "-").replace('_', '.').toLowerCase(Locale.ROOT);
        return SECTIONS.contains(key.split("\\.")[0]) ? Optional.of(key) : Optional.empty();
    }

    /**
     * Why the service would ignore a key, or empty when it reads it (or when the key belongs to a feature whose
     * defaults have not landed yet).
     *
     * @param key a dotted key
     * @return the problem, if any
     */
    Optional<String> problem(String key) {
        if (LISTS_WITHOUT_DEFAULTS.stream().anyMatch(l -> key.startsWith(l + "."))) {
            return Optional.empty();
        }
        if (PENDING.stream().anyMatch(p -> (key + ".").startsWith(p + ".")) && !defines(pendingPrefix(key))) {
            return Optional.empty();
        }
        Object node = defaults;
        for (String segment : key.split("\\.")) {
            if (node instanceof List<?>) {
                return Optional.empty();
            }
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return Optional.of(service + " does not know the configuration key " + key
                                   + " (not in " + service + "/src/main/resources/application.yaml)");
            }
            node = map.get(segment);
        }
        return Optional.empty();
    }

    private static String pendingPrefix(String key) {
        return PENDING.stream().filter(p -> (key + ".").startsWith(p + ".")).findFirst().orElse(key);
    }

    private boolean defines(String prefix) {
        Object node = defaults;
        for (String segment : prefix.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return false;
            }
            node = map.get(segment);
        }
        return true;
    }

    /**
     * Every dotted key path of a YAML document (down to leaves; lists are not entered, a list replaces the default
     * list as a whole).
     *
     * @param yaml the document
     * @return its keys
     */
    static List<String> keysOf(Map<String, Object> yaml) {
        return keysOf("", yaml).toList();
    }

    private static Stream<String> keysOf(String prefix, Map<?, ?> map) {
        return map.entrySet().stream().flatMap(e -> {
            String key = prefix + e.getKey();
            return e.getValue() instanceof Map<?, ?> child
                    ? keysOf(key + ".", child)
                    : Stream.of(key);
        });
    }
}
