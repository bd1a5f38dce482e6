package io.vigil.gateway.auth;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiKeysTest {
    /** The key {@link #KEY_SHA256} is the digest of. */
    private static final String KEY = "s3cr3t-test-key";
    private static final String KEY_SHA256 = "f1980fa29a634c3273ed717f1dbfa233c1c05d8d7eb8f747087172097d1ef70e";

    @Test
    void keysMatchByDigest() {
        ApiKeys keys = new ApiKeys(List.of(new ApiKey("ci", KEY_SHA256),
                                           new ApiKey("ops", HexFormat.of().formatHex(ApiKeys.sha256("ops-key")))));

        assertThat(keys.match(KEY), is(Optional.of("ci")));
        assertThat(keys.match("ops-key"), is(Optional.of("ops")));
        assertThat(keys.match(""), is(Optional.empty()));
        assertThat(keys.match(KEY + " "), is(Optional.empty()));
        assertThat(HexFormat.of().formatHex(ApiKeys.sha256(KEY)), is(KEY_SHA256));
    }

    @Test
    void keyEntriesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("bad id", KEY_SHA256));
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("ok", "ABC"));
        assertThat(new ApiKey("ok", KEY_SHA256).digest().length, is(32));
    }
}
