package io.vigil.gateway.traffic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Method;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The parts of the traffic package that need no server: the quantile estimate, the route lookup, the settings.
 */
class TrafficUnitsTest {
    private static final double[] BOUNDS = {1, 2, 5, 10};

    @Test
    void quantilesInterpolateInsideTheirBucketAsHistogramQuantileDoes() {
        // 10 observations: 4 at or below 1, 4 more up to 2, 2 more up to 5, none above.
        long[] cumulative = {4, 8, 10, 10};
        assertThat(HistogramQuantile.estimate(0.5, BOUNDS, cumulative, 10), closeTo(1.25, 1e-9));
        assertThat(HistogramQuantile.estimate(0.2, BOUNDS, cumulative, 10), closeTo(0.5, 1e-9));
        assertThat(HistogramQuantile.estimate(0.9, BOUNDS, cumulative, 10), closeTo(3.5, 1e-9));
        assertThat(HistogramQuantile.estimate(1.0, BOUNDS, cumulative, 10), closeTo(5, 1e-9));
    }

    @Test
    void aRankAboveTheLastBoundGivesThatBoundAndNoObservationsGiveNaN() {
        assertThat("two of four above 10", HistogramQuantile.estimate(0.99, BOUNDS, new long[] {0, 0, 1, 2}, 4), is(10.0));
        assertThat(Double.isNaN(HistogramQuantile.estimate(0.5, BOUNDS, new long[4], 0)), is(true));
        assertThrows(IllegalArgumentException.class, () -> HistogramQuantile.estimate(1.5, BOUNDS, new long[4], 1));
    }

    @Test
    void emptyBucketsAreSkippedSoTheEstimateStaysInTheBucketWithTheRank() {
        assertThat(HistogramQuantile.estimate(0.5, BOUNDS, new long[] {0, 0, 0, 2}, 2), closeTo(7.5, 1e-9));
    }

    @Test
    void theLongestPrefixWinsAndUnmatchedPathsHaveARouteOfTheirOwn() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("/api/v1/health", "");
        routes.put("/api/v1/health/checks", "health");
        routes.put("/api/v1/logs", "logparse");
        RouteTable table = new RouteTable(routes);
        assertThat(table.match("/api/v1/health").route(), is("/api/v1/health"));
        assertThat(table.match("/api/v1/health/checks/disk").route(), is("/api/v1/health/checks"));
        assertThat(table.match("/api/v1/logs/analyze").route(), is("/api/v1/logs"));
        assertThat("a prefix matches whole segments only", table.match("/api/v1/logsx").route(), is(RouteTable.NO_ROUTE));
        assertThat(table.match("/api/v2").route(), is(RouteTable.NO_ROUTE));
        assertThat(table.upstream("/api/v1/logs").orElseThrow(), is("logparse"));
        assertThat(table.upstream("/api/v1/health").isPresent(), is(false));
        assertThat(table.all().size(), is(4));
        assertThrows(IllegalArgumentException.class, () -> table.route("/api/v9"));
    }

    @Test
    void methodsAndStatusesFallIntoBoundedClasses() {
        assertThat(RouteMeters.METHODS.get(RouteMeters.methodIndex(Method.POST)), is("POST"));
        assertThat(RouteMeters.METHODS.get(RouteMeters.methodIndex(Method.create("PROPFIND"))), is("other"));
        assertThat(RouteMeters.STATUS_CLASSES.get(RouteMeters.statusClass(204)), is("2xx"));
        assertThat(RouteMeters.STATUS_CLASSES.get(RouteMeters.statusClass(499)), is("4xx"));
        assertThat(RouteMeters.STATUS_CLASSES.get(RouteMeters.statusClass(999)), is("5xx"));
        assertThat(RouteMeters.STATUS_CLASSES.get(RouteMeters.statusClass(0)), is("1xx"));
        assertThat(new CutOff(true).status(), is(499));
        assertThat(new CutOff(false).status(), is(502));
    }

    @Test
    void settingsHaveDefaultsAndBoundTheWindow() {
        TrafficSettings defaults = TrafficSettings.create(TestConfig.of().get("gateway.traffic"));
        assertThat(defaults, is(TrafficSettings.DEFAULTS));
        assertThat(defaults.readings(), is(61));
        TrafficSettings fast = TrafficSettings.create(TestConfig.of("gateway.traffic.interval", "PT1S",
                                                                    "gateway.traffic.window", "PT2M").get("gateway.traffic"));
        assertThat(fast.interval(), is(Duration.ofSeconds(1)));
        assertThat(fast.readings(), is(121));
        InvalidConfigException tooMany = assertThrows(InvalidConfigException.class, () -> TrafficSettings.create(
                TestConfig.of("gateway.traffic.interval", "PT0.1S", "gateway.traffic.window", "PT1H").get("gateway.traffic")));
        assertThat(tooMany.getMessage(), containsString("gateway.traffic.window"));
        assertThrows(InvalidConfigException.class, () -> TrafficSettings.create(
                TestConfig.of("gateway.traffic.interval", "PT2M").get("gateway.traffic")));
    }
}
