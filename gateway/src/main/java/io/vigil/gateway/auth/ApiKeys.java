package io.vigil.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Matches a presented API key against the configured digests: the key is hashed with SHA-256 and compared with
 * every digest in constant time ({@link MessageDigest#isEqual}), without stopping at a match, so response
 * times say nothing about how close a guess was or which entry matched.
 */
final class ApiKeys {
    /** Per thread, and a Helidon connection keeps its thread: one instance per connection, not per request. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeys::newDigest);

    private final String[] ids;
    private final byte[][] digests;

    ApiKeys(List<ApiKey> keys) {
        this.ids = keys.stream().map(ApiKey::id).toArray(String[]::new);
        this.digests = keys.stream().map(ApiKey::digest).toArray(byte[][]::new);
    }

    /**
     * The id of the key, if it is one of ours.
     *
     * @param presented the key a client sent
     * @return the key's id, or empty
     */
    Optional<String> match(String presented) {
        byte[] digest = sha256(presented);
        String found = null;
        for (int i = 0; i < digests.length; i++) {
            boolean equal = MessageDigest.isEqual(digest, digests[i]);
            if (equal && found == null) {
                found = ids[i];
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * SHA-256 of a key, as configured in {@code gateway.auth.keys[].sha256}.
     *
     * @param key the key
     * @return 32 bytes
     */
    static byte[] sha256(String key) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
