package io.vigil.gateway;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import io.vigil.common.health.HealthStatus;

class AccessUnitsTest {
    @Test
    void keysMatchByDigest() {
        ApiKeys keys = new ApiKeys(List.of(new ApiKey("ci", Gateways.KEY_SHA256),
                                           new ApiKey("ops", HexFormat.of().formatHex(ApiKeys.sha256("ops-key")))));

        assertThat(keys.match(Gateways.KEY), is(Optional.of("ci")));
        assertThat(keys.match("ops-key"), is(Optional.of("ops")));
        assertThat(keys.match(""), is(Optional.empty()));
        assertThat(keys.match(Gateways.KEY + " "), is(Optional.empty()));
        assertThat(HexFormat.of().formatHex(ApiKeys.sha256(Gateways.KEY)), is(Gateways.KEY_SHA256));
    }

    @Test
    void keyEntriesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("bad id", Gateways.KEY_SHA256));
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("ok", "ABC"));
        assertThat(new ApiKey("ok", Gateways.KEY_SHA256).digest().length, is(32));
    }

    @Test
    void healthStatusesOrderAndParse() {
        assertThat(HealthStatus.PASS.worse(HealthStatus.WARN), is(HealthStatus.WARN));
        assertThat(HealthStatus.FAIL.worse(HealthStatus.WARN), is(HealthStatus.FAIL));
        assertThat(HealthStatus.parse("UP"), is(Optional.of(HealthStatus.PASS)));
        assertThat(HealthStatus.parse("ok"), is(Optional.of(HealthStatus.PASS)));
        assertThat(HealthStatus.parse("warn"), is(Optional.of(HealthStatus.WARN)));
        assertThat(HealthStatus.parse("down"), is(Optional.of(HealthStatus.FAIL)));
        assertThat(HealthStatus.parse("error"), is(Optional.of(HealthStatus.FAIL)));
        assertThat(HealthStatus.parse("meh"), is(Optional.empty()));
        assertThat(HealthStatus.parse(null), is(Optional.empty()));
        assertThat(HealthStatus.WARN.text(), is("warn"));
    }

    @Test
    void upstreamTargetsKeepTheRawQuery() {
        assertThat(RequestHead.target("", "/v1/analyze", "top=5&format=a%20b"), is("/v1/analyze?top=5&format=a%20b"));
        assertThat(RequestHead.target("/base", "/v1/formats", ""), is("/base/v1/formats"));
        assertThat(RequestHead.target("", "/v1/formats", null), is("/v1/formats"));
    }
}
