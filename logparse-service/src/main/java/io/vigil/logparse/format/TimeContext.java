package io.vigil.logparse.format;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * How to read timestamps that lack a zone or a year: the zone to assume (the {@code tz} parameter) and the clock
 * that says what "now" is.
 *
 * <p>"Now" is read once, when the context is created; create one per analysis or request. Rules, applied by every
 * format:
 * <ul>
 *     <li>A timestamp without a zone or offset is local time in {@link #zone()}. In a DST gap or overlap the
 *     offset in force before the transition is used ({@link ZoneRules#getOffset(java.time.LocalDateTime)}).</li>
 *     <li>A timestamp without a year (RFC 3164, klog) gets the year of "now" in {@link #zone()}, unless that puts it
 *     more than one day after "now": then the previous year (December lines read in January). Feb 29 goes back to
 *     the latest leap year that satisfies the same rule.</li>
 *     <li>A time of day without a date (logback's {@code HH:mm:ss.SSS}) gets today's date in {@link #zone()}, or
 *     yesterday's when that puts it more than one day... in practice more than the tolerance after "now".</li>
 * </ul>
 */
public final class TimeContext {
    /** How far after "now" a timestamp may be (clock skew between hosts) before its year or day is moved back. */
    static final long FUTURE_TOLERANCE_MILLIS = 86_400_000L;
    /** The same tolerance for a time of day without a date, where a day would be no tolerance at all. */
    static final long TIME_ONLY_TOLERANCE_MILLIS = 3_600_000L;

    private final ZoneId zone;
    private final Clock clock;
    private final ZoneRules rules;
    private final long nowMillis;
    private final int nowYear;
    private final long todayEpochDay;
    private final int fixedOffsetSeconds;

    private TimeContext(ZoneId zone, Clock clock) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = zone.getRules();
        Instant now = clock.instant();
        this.nowMillis = now.toEpochMilli();
        java.time.LocalDate today = now.atZone(zone).toLocalDate();
        this.nowYear = today.getYear();
        this.todayEpochDay = today.toEpochDay();
        this.fixedOffsetSeconds = rules.isFixedOffset() ? rules.getOffset(now).getTotalSeconds() : Integer.MIN_VALUE;
    }

    /**
     * A context for the given zone and clock.
     *
     * @param zone  zone for timestamps without one
     * @param clock source of "now" for the year and date rules
     * @return the context
     */
    public static TimeContext of(ZoneId zone, Clock clock) {
        return new TimeContext(zone, clock);
    }

    /**
     * UTC and the system clock: the default ({@code tz=UTC}).
     *
     * @return the default context
     */
    public static TimeContext utc() {
        return new TimeContext(ZoneOffset.UTC, Clock.systemUTC());
    }

    /**
     * Zone assumed for timestamps without one.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The clock "now" was read from.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * "Now", as read when this context was created.
     *
     * @return epoch millis
     */
    public long nowMillis() {
        return nowMillis;
    }

    int nowYear() {
        return nowYear;
    }

    long todayEpochDay() {
        return todayEpochDay;
    }

    ZoneRules rules() {
        return rules;
    }

    /**
     * Offset of a fixed-offset zone in seconds, or {@link Integer#MIN_VALUE} when it has transitions.
     */
    int fixedOffsetSeconds() {
        return fixedOffsetSeconds;
    }
}
