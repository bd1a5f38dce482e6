package io.vigil.logparse.engine;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class TimelineTest {
    private static final long T0 = Instant.parse("2026-03-14T00:00:00Z").toEpochMilli();

    @Test
    void countsRecordsAndErrorsPerSecondWhileFewBucketsAreNeeded() {
        Timeline timeline = new Timeline(10);
        timeline.add(T0 + 100, false);
        timeline.add(T0 + 900, true);
        timeline.add(T0 + 2500, false);

        assertThat(timeline.bucketSeconds(), is(1L));
        assertThat(timeline.points(), is(List.of(new TimelinePoint(T0, 2, 1), new TimelinePoint(T0 + 2000, 1, 0))));
    }

    @Test
    void bucketsWidenAlongTheLadderToStayWithinTheLimit() {
        Timeline timeline = new Timeline(24);
        for (int minute = 0; minute < 24 * 60; minute++) {
            timeline.add(T0 + minute * 60_000L, minute % 60 == 0);
        }

        assertThat(timeline.bucketSeconds(), is(3600L));
        List<TimelinePoint> points = timeline.points();
        assertThat(points.size(), is(24));
        assertThat(points.getFirst(), is(new TimelinePoint(T0, 60, 1)));
        assertThat(points.getLast().startMillis(), is(T0 + 23 * 3_600_000L));
    }

    @Test
    void timelinesOfDifferentWidthsMergeExactly() {
        Timeline fine = new Timeline(1000);
        Timeline coarse = new Timeline(3);
        for (int second = 0; second < 30; second++) {
            fine.add(T0 + second * 1000L, false);
            coarse.add(T0 + second * 1000L, second == 0);
        }
        assertThat(coarse.bucketSeconds(), is(10L));

        fine.merge(coarse);

        assertThat(fine.bucketSeconds(), is(10L));
        assertThat(fine.points(), is(List.of(new TimelinePoint(T0, 20, 1), new TimelinePoint(T0 + 10_000, 20, 0),
                                             new TimelinePoint(T0 + 20_000, 20, 0))));
    }

    @Test
    void aLongRangeNeverExceedsTheLimit() {
        Timeline timeline = new Timeline(500);
        for (long day = 0; day < 3650; day++) {
            timeline.add(T0 + day * 86_400_000L, false);
        }
        assertThat((double) timeline.points().size(), lessThanOrEqualTo(500.0));
    }
}
