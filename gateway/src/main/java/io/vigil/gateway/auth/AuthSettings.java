package io.vigil.gateway.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * Who may call {@code /api/*} ({@code gateway.auth}).
 *
 * @param mode {@code api-key} (default) or {@code none} ({@code mode})
 * @param keys the accepted keys ({@code keys}: a list of {@code {id, sha256}}); required in {@code api-key} mode
 */
public record AuthSettings(AuthMode mode, List<ApiKey> keys) {
    /**
     * Creates the settings.
     */
    public AuthSettings {
        keys = List.copyOf(keys);
    }

    /**
     * Reads and validates the {@code gateway.auth} section.
     *
     * @param auth the {@code gateway.auth} node
     * @return validated settings
     */
    public static AuthSettings create(Config auth) {
        AuthMode mode = ConfigValues.oneOf(auth.get("mode"), AuthMode.API_KEY);
        Config keysNode = auth.get("keys");
        List<ApiKey> keys = keysNode.exists()
                ? keysNode.asNodeList().orElse(List.of()).stream().map(ApiKey::create).toList()
                : List.of();
        if (mode == AuthMode.API_KEY && keys.isEmpty()) {
            throw new InvalidConfigException(keysNode.key().toString(), "",
                                             "at least one {id, sha256} entry when gateway.auth.mode is api-key "
                                                     + "(gateway.auth.mode: none is for local use only)");
        }
        Set<String> ids = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (ApiKey key : keys) {
            if (!ids.add(key.id()) || !digests.add(key.sha256())) {
                throw new InvalidConfigException(keysNode.key().toString(), key.id(), "distinct ids and digests");
            }
        }
        return new AuthSettings(mode, keys);
    }
}
