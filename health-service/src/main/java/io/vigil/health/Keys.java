package io.vigil.health;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;

/**
 * Checks on the shape of a check's configuration that {@link io.vigil.common.config.ConfigValues} does not
 * cover: keys that must be present and keys that are not known (usually typos).
 */
final class Keys {
    private Keys() {
    }

    /**
     * The text of a key that must be present.
     *
     * @param node     configuration node
     * @param expected what a valid value looks like
     * @return the trimmed, non-blank text
     * @throws InvalidConfigException when the key is missing, blank or a section
     */
    static String required(Config node, String expected) {
        if (!node.exists()) {
            throw new InvalidConfigException(node.key().toString(), "", expected + "; the key is required");
        }
        if (!node.isLeaf()) {
            throw new InvalidConfigException(node.key().toString(), "<a section>", expected);
        }
        String text = node.asString().orElse("");
        if (text.isBlank()) {
            throw new InvalidConfigException(node.key().toString(), text, expected);
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
    static void onlyKnown(Config section, Set<String> known) {
        for (Config child : section.asNodeList().orElse(List.of())) {
            if (!known.contains(child.name())) {
                String value = child.isLeaf() ? child.asString().orElse("") : "<a section>";
                throw new InvalidConfigException(child.key().toString(), value,
                                                 "a known key: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }
}
