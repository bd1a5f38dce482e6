package io.vigil.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one API key the repository documents, for local stacks only (deploy/compose/.env.example). */
final class DocumentedKeys {
    /** The key itself, printed in .env.example and the README. */
    static final String LOCAL_KEY = "vigil-local-dev-key";
    /** Its SHA-256, what the gateway is configured with. */
    static final String LOCAL_DIGEST = sha256(LOCAL_KEY);

    private DocumentedKeys() {
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
