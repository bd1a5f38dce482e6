package io.vigil.common.health;

import java.util.Optional;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class HealthStatusTest {
    @Test
    void theWorseStatusWins() {
        assertThat(HealthStatus.PASS.worse(HealthStatus.WARN), is(HealthStatus.WARN));
        assertThat(HealthStatus.FAIL.worse(HealthStatus.WARN), is(HealthStatus.FAIL));
        assertThat(HealthStatus.PASS.worse(HealthStatus.PASS), is(HealthStatus.PASS));
    }

    @Test
    void statusesReadAndWriteAsTheDraftSpellsThem() {
        assertThat(HealthStatus.WARN.text(), is("warn"));
        assertThat(HealthStatus.parse("UP"), is(Optional.of(HealthStatus.PASS)));
        assertThat(HealthStatus.parse("error"), is(Optional.of(HealthStatus.FAIL)));
        assertThat(HealthStatus.parse("maybe"), is(Optional.empty()));
        assertThat(HealthStatus.parse(null), is(Optional.empty()));
    }

    @Test
    void aReadinessCheckAnswersWithItsFunction() {
        HealthCheck check = Readiness.check("warm", () -> HealthCheckResponse.builder().status(false).build());

        assertThat(check.type(), is(HealthCheckType.READINESS));
        assertThat(check.name(), is("warm"));
        assertThat(check.call().status(), is(HealthCheckResponse.Status.DOWN));
    }
}
