package io.vigil.logparse.format;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Per-worker date arithmetic with memos: lines of one log repeat the same date and hour, so the epoch day of the
 * last date seen and the zone offset of the last local hour seen are kept. Allocation-free except when the offset
 * of a new hour in a zone with transitions is looked up.
 */
final class DateCache {
    /** Returned for an impossible date. */
    static final long INVALID = Long.MIN_VALUE;

    private int lastDateKey = -1;
    private long lastEpochDay;

    /** The last CLF timestamp text seen, as four overlapping words, and its value. */
    private long clf0;
    private long clf8;
    private long clf16;
    private long clf18;
    private long clfMillis = INVALID;

    private ZoneRules offsetRules;
    private long offsetHourKey = Long.MIN_VALUE;
    private int offsetSeconds;

    /**
     * Epoch day of a calendar date, or {@link #INVALID} when the date does not exist (month 13, Feb 29 in 2023).
     */
    long epochDay(int year, int month, int day) {
        int key = year * 10_000 + month * 100 + day;
        if (key == lastDateKey) {
            return lastEpochDay;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return INVALID;
        }
        lastEpochDay = daysFromCivil(year, month, day);
        lastDateKey = key;
        return lastEpochDay;
    }

    /**
     * A Common Log Format timestamp filling {@code [s, e)}, as {@link Timestamps#clf}; a line with the same text as the
     * line before (most lines of a busy log: a second holds many requests) costs four word comparisons.
     */
    long clf(byte[] b, int s, int e) {
        if (e - s != AccessLog.CLF_WIDTH) {
            return Timestamps.NONE;
        }
        long w0 = Swar.word(b, s);
        long w8 = Swar.word(b, s + 8);
        long w16 = Swar.word(b, s + 16);
        long w18 = Swar.word(b, s + 18);
        if (w0 == clf0 && w8 == clf8 && w16 == clf16 && w18 == clf18 && clfMillis != INVALID) {
            return clfMillis;
        }
        long millis = Timestamps.clf(b, s, e, this);
        if (millis != Timestamps.NONE) {
            clf0 = w0;
            clf8 = w8;
            clf16 = w16;
            clf18 = w18;
            clfMillis = millis;
        }
        return millis;
    }

    /**
     * Epoch millis of a local date-time in the context's zone.
     */
    long localMillis(TimeContext time, long epochDay, int secondOfDay, int millis) {
        long localSeconds = epochDay * 86_400L + secondOfDay;
        return (localSeconds - offsetSeconds(time, localSeconds)) * 1000L + millis;
    }

    /**
     * Epoch millis of a date-time with a known offset from UTC.
     */
    static long offsetMillis(long epochDay, int secondOfDay, int millis, int offsetSeconds) {
        return (epochDay * 86_400L + secondOfDay - offsetSeconds) * 1000L + millis;
    }

    private int offsetSeconds(TimeContext time, long localSeconds) {
        int fixed = time.fixedOffsetSeconds();
        if (fixed != Integer.MIN_VALUE) {
            return fixed;
        }
        long hourKey = Math.floorDiv(localSeconds, 3600L);
        if (hourKey != offsetHourKey || offsetRules != time.rules()) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(hourKey * 3600L, 0, ZoneOffset.UTC);
            offsetSeconds = time.rules().getOffset(local).getTotalSeconds();
            offsetHourKey = hourKey;
            offsetRules = time.rules();
        }
        return offsetSeconds;
    }

    static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400L);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
