package io.vigil.gateway;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import io.vigil.common.health.HealthStatus;

class AccessUnitsTest {
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
}
