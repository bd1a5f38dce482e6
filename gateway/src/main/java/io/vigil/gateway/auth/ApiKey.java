package io.vigil.gateway.auth;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * One API key the gateway accepts, as configured: its id (safe to log) and the SHA-256 digest of the key.
 * The key itself never appears in configuration, logs or memory beyond the request that presents it.
 *
 * @param id     name of the key's holder, e.g. {@code ci-pipeline} ({@code [A-Za-z0-9._-]{1,64}})
 * @param sha256 lowercase hex SHA-256 of the key (64 characters)
 */
public record ApiKey(String id, String sha256) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Creates a key entry.
     */
    public ApiKey {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: '" + id + "' (expected: [A-Za-z0-9._-]{1,64})");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: '" + sha256 + "' (expected: 64 lowercase hex digits)");
        }
    }

    /**
     * Reads one entry of {@code gateway.auth.keys}.
     *
     * @param key the entry's node, with {@code id} and {@code sha256}
     * @return the key
     */
    public static ApiKey create(Config key) {
        String id = ConfigValues.nonBlank(key.get("id"), "");
        if (!ID.matcher(id).matches()) {
            throw new InvalidConfigException(key.get("id").key().toString(), id, "an id of 1 to 64 characters [A-Za-z0-9._-]");
        }
        String digest = ConfigValues.nonBlank(key.get("sha256"), "").toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(digest).matches()) {
            throw new InvalidConfigException(key.get("sha256").key().toString(), digest,
                                             "the SHA-256 of the key as 64 hex digits (sha256sum of the key)");
        }
        return new ApiKey(id, digest);
    }

    /**
     * The digest as bytes.
     *
     * @return 32 bytes
     */
    public byte[] digest() {
        return HexFormat.of().parseHex(sha256);
    }
}
