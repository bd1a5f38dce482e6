package io.vigil.health.report;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

import io.vigil.common.Result;

import org.junit.jupiter.api.Test;
import io.vigil.health.check.CheckResult;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.Reading;
import io.vigil.health.testing.FakeProbe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckHistoryTest {
    private static final CheckSettings CHECK = FakeProbe.answering(1).check("c", true, Duration.ofSeconds(1), null);

    @Test
    void keepsTheLastResultsNewestFirst() {
        CheckHistory history = new CheckHistory(3);
        for (int i = 1; i <= 5; i++) {
            history.add(result(i, true));
        }

        assertThat(history.recent().stream().map(r -> r.observedValue().orElseThrow()).toList(), contains(5, 4, 3));
    }

    @Test
    void uptimeIsTheShareOfKeptResultsThatWereUp() {
        CheckHistory history = new CheckHistory(4);
        assertThat(history.uptime(), is(OptionalDouble.empty()));

        history.add(result(1, false));
        history.add(result(2, true));
        history.add(result(3, true));
        history.add(result(4, true));
        assertThat(history.uptime(), is(OptionalDouble.of(0.75)));

        history.add(result(5, true));
        assertThat("the failure fell out of the window", history.uptime(), is(OptionalDouble.of(1.0)));
    }

    @Test
    void aHistoryKeepsAtLeastOneResult() {
        assertThrows(IllegalArgumentException.class, () -> new CheckHistory(0));
    }

    private static CheckResult result(int value, boolean up) {
        Reading reading = up ? Reading.ok(value) : Reading.fail(value, "down");
        return CheckResult.of(CHECK, Result.ok(reading), Instant.now(), Duration.ZERO);
    }
}
