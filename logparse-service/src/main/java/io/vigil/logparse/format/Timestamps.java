package io.vigil.logparse.format;

/**
 * Timestamp layouts parsed straight from bytes. Each method parses exactly the range it is given (or a fixed-width
 * layout at an offset) and returns epoch millis, or {@link #NONE} when the bytes are not a valid timestamp of that
 * layout. Fractions of a second beyond milliseconds are truncated. Optimised: no allocation.
 */
final class Timestamps {
    static final long NONE = ParsedLine.NO_TIMESTAMP;
    /** Marks an absent or invalid offset. */
    static final int NO_OFFSET = Integer.MIN_VALUE;

    private static final byte[] MONTHS = Bytes.ascii("JanFebMarAprMayJunJulAugSepOctNovDec");

    private Timestamps() {
    }

    /** Value of one ASCII digit, or -1. */
    static int digit(byte b) {
        int d = b - '0';
        return d >= 0 && d <= 9 ? d : -1;
    }

    /** Value of {@code n} ASCII digits at {@code i} (caller checks bounds), or -1. */
    static int digits(byte[] b, int i, int n) {
        int v = 0;
        for (int k = i; k < i + n; k++) {
            int d = digit(b[k]);
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Two digits, or a space and a digit (syslog and Apache pad days with a space), or -1. */
    static int paddedDay(byte[] b, int i) {
        return b[i] == ' ' ? digit(b[i + 1]) : digits(b, i, 2);
    }

    /** Month number of an English three-letter abbreviation at {@code i} ({@code Jan}), or -1. */
    static int month(byte[] b, int i) {
        for (int m = 0; m < 12; m++) {
            int k = m * 3;
            if (b[i] == MONTHS[k] && b[i + 1] == MONTHS[k + 1] && b[i + 2] == MONTHS[k + 2]) {
                return m + 1;
            }
        }
        return -1;
    }

    /** Second of day of {@code hh:mm:ss} at {@code i} (8 bytes, caller checks bounds), or -1. */
    static int timeOfDay(byte[] b, int i) {
        if (b[i + 2] != ':' || b[i + 5] != ':') {
            return -1;
        }
        int h = digits(b, i, 2);
        int m = digits(b, i + 3, 2);
        int s = digits(b, i + 6, 2);
        if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 59) {
            return -1;
        }
        return h * 3600 + m * 60 + s;
    }

    /** Index after the digits starting at {@code i}. */
    static int digitsEnd(byte[] b, int i, int end) {
        int k = i;
        while (k < end && digit(b[k]) >= 0) {
            k++;
        }
        return k;
    }

    /** Milliseconds of the fraction digits in {@code [i, j)}: the first three, zero-padded. */
    static int fractionMillis(byte[] b, int i, int j) {
        int millis = 0;
        for (int k = 0; k < 3; k++) {
            millis = millis * 10 + (i + k < j ? b[i + k] - '0' : 0);
        }
        return millis;
    }

    /** Microseconds of the fraction digits in {@code [i, j)}: the first six, zero-padded. */
    static long fractionMicros(byte[] b, int i, int j) {
        long micros = 0;
        for (int k = 0; k < 6; k++) {
            micros = micros * 10 + (i + k < j ? b[i + k] - '0' : 0);
        }
        return micros;
    }

    /**
     * A UTC offset filling {@code [i, end)} exactly: {@code Z}, {@code +hh:mm}, {@code +hhmm} or {@code +hh}
     * (or {@code -}); seconds east of UTC, or {@link #NO_OFFSET}.
     */
    static int offset(byte[] b, int i, int end) {
        int len = end - i;
        if (len == 1 && (b[i] == 'Z' || b[i] == 'z')) {
            return 0;
        }
        boolean sign = len > 0 && (b[i] == '+' || b[i] == '-');
        int seconds = switch (len) {
            case 3 -> hoursMinutes(b, i + 1, -1);
            case 5 -> hoursMinutes(b, i + 1, i + 3);
            case 6 -> b[i + 3] == ':' ? hoursMinutes(b, i + 1, i + 4) : -1;
            default -> -1;
        };
        if (!sign || seconds < 0) {
            return NO_OFFSET;
        }
        return b[i] == '-' ? -seconds : seconds;
    }

    /** Seconds of {@code hh} at {@code h} and {@code mm} at {@code m} (none when {@code m < 0}), or -1. */
    private static int hoursMinutes(byte[] b, int h, int m) {
        int hours = digits(b, h, 2);
        int minutes = m < 0 ? 0 : digits(b, m, 2);
        int seconds = hours * 3600 + minutes * 60;
        return hours < 0 || minutes < 0 || minutes > 59 || seconds > 18 * 3600 ? -1 : seconds;
    }

    /**
     * ISO 8601 / RFC 3339 filling {@code [s, e)}: {@code yyyy-MM-dd('T'|' ')HH:mm:ss[(.|,)fraction][offset]}; without
     * an offset it is local time in the context's zone. The comma fraction is log4j's and Python's default.
     */
    static long iso(byte[] b, int s, int e, TimeContext time, DateCache cache) {
        if (e - s < 19 || b[s + 4] != '-' || b[s + 7] != '-') {
            return NONE;
        }
        byte sep = b[s + 10];
        if (sep != 'T' && sep != ' ' && sep != 't') {
            return NONE;
        }
        long day = cache.epochDay(digits(b, s, 4), digits(b, s + 5, 2), digits(b, s + 8, 2));
        int secondOfDay = timeOfDay(b, s + 11);
        if (day == DateCache.INVALID || secondOfDay < 0) {
            return NONE;
        }
        return withFractionAndOffset(b, s + 19, e, day, secondOfDay, time, cache);
    }

    /**
     * The optional {@code (.|,)fraction} and offset after a time of day, filling {@code [i, e)}.
     */
    static long withFractionAndOffset(byte[] b, int i, int e, long day, int secondOfDay, TimeContext time,
                                      DateCache cache) {
        int millis = 0;
        int k = i;
        if (k < e && (b[k] == '.' || b[k] == ',')) {
            int digitsEnd = digitsEnd(b, k + 1, e);
            if (digitsEnd == k + 1 || digitsEnd - k - 1 > 9) {
                return NONE;
            }
            millis = fractionMillis(b, k + 1, digitsEnd);
            k = digitsEnd;
        }
        if (k == e) {
            return cache.localMillis(time, day, secondOfDay, millis);
        }
        int offset = offset(b, k, e);
        return offset == NO_OFFSET ? NONE : DateCache.offsetMillis(day, secondOfDay, millis, offset);
    }

    /** Common Log Format {@code dd/MMM/yyyy:HH:mm:ss +hhmm}, exactly 26 bytes at {@code s}. */
    static long clf(byte[] b, int s, int e, DateCache cache) {
        if (e - s != 26 || b[s + 2] != '/' || b[s + 6] != '/' || b[s + 11] != ':' || b[s + 20] != ' ') {
            return NONE;
        }
        long day = cache.epochDay(digits(b, s + 7, 4), month(b, s + 3), digits(b, s, 2));
        int secondOfDay = timeOfDay(b, s + 12);
        int offset = offset(b, s + 21, e);
        if (day == DateCache.INVALID || secondOfDay < 0 || offset == NO_OFFSET) {
            return NONE;
        }
        return DateCache.offsetMillis(day, secondOfDay, 0, offset);
    }

    /** nginx error log {@code yyyy/MM/dd HH:mm:ss}, exactly 19 bytes at {@code s}, local time. */
    static long slashed(byte[] b, int s, int e, TimeContext time, DateCache cache) {
        if (e - s < 19 || b[s + 4] != '/' || b[s + 7] != '/' || b[s + 10] != ' ') {
            return NONE;
        }
        long day = cache.epochDay(digits(b, s, 4), digits(b, s + 5, 2), digits(b, s + 8, 2));
        int secondOfDay = timeOfDay(b, s + 11);
        if (day == DateCache.INVALID || secondOfDay < 0) {
            return NONE;
        }
        return cache.localMillis(time, day, secondOfDay, 0);
    }

    /**
     * BSD syslog {@code MMM dd HH:mm:ss} (day space-padded), exactly 15 bytes at {@code s}, local time, year
     * inferred (see {@link TimeContext}).
     */
    static long bsd(byte[] b, int s, int e, TimeContext time, DateCache cache) {
        if (e - s < 15 || b[s + 3] != ' ' || b[s + 6] != ' ') {
            return NONE;
        }
        int month = month(b, s);
        int day = paddedDay(b, s + 4);
        int secondOfDay = timeOfDay(b, s + 7);
        if (month < 0 || day < 0 || secondOfDay < 0) {
            return NONE;
        }
        return withoutYear(time, cache, month, day, secondOfDay, 0);
    }

    /**
     * Applies the year rule of {@link TimeContext}: the latest year, starting with the current one, in which the
     * date exists and is not more than the tolerance after "now".
     */
    static long withoutYear(TimeContext time, DateCache cache, int month, int day, int secondOfDay, int millis) {
        long limit = time.nowMillis() + TimeContext.FUTURE_TOLERANCE_MILLIS;
        int year = time.nowYear();
        // Nine years cover the longest run without a Feb 29 (e.g. 2097..2103).
        for (int k = 0; k < 9; k++, year--) {
            long epochDay = cache.epochDay(year, month, day);
            if (epochDay != DateCache.INVALID) {
                long millisUtc = cache.localMillis(time, epochDay, secondOfDay, millis);
                if (millisUtc <= limit) {
                    return millisUtc;
                }
            }
        }
        return NONE;
    }

    /** Applies the date rule of {@link TimeContext} to a time of day without a date. */
    static long withoutDate(TimeContext time, DateCache cache, int secondOfDay, int millis) {
        long today = cache.localMillis(time, time.todayEpochDay(), secondOfDay, millis);
        if (today <= time.nowMillis() + TimeContext.TIME_ONLY_TOLERANCE_MILLIS) {
            return today;
        }
        return cache.localMillis(time, time.todayEpochDay() - 1, secondOfDay, millis);
    }

    /**
     * Apache error log {@code EEE MMM dd HH:mm:ss[.ffffff] yyyy} filling {@code [s, e)} exactly, local time.
     */
    static long apache(byte[] b, int s, int e, TimeContext time, DateCache cache) {
        if (e - s < 24 || b[s + 3] != ' ' || b[s + 7] != ' ' || b[s + 10] != ' ' || b[e - 5] != ' ') {
            return NONE;
        }
        long epochDay = isLetters(b, s, s + 3)
                ? cache.epochDay(digits(b, e - 4, 4), month(b, s + 4), paddedDay(b, s + 8)) : DateCache.INVALID;
        int secondOfDay = timeOfDay(b, s + 11);
        int millis = optionalFraction(b, s + 19, e - 5);
        if (epochDay == DateCache.INVALID || secondOfDay < 0 || millis < 0) {
            return NONE;
        }
        return cache.localMillis(time, epochDay, secondOfDay, millis);
    }

    /** Milliseconds of {@code "." 1*digit} filling {@code [s, e)}, 0 when empty, or -1. */
    private static int optionalFraction(byte[] b, int s, int e) {
        if (s == e) {
            return 0;
        }
        int digitsEnd = digitsEnd(b, s + 1, e);
        if (b[s] != '.' || digitsEnd != e || digitsEnd == s + 1) {
            return -1;
        }
        return fractionMillis(b, s + 1, digitsEnd);
    }

    private static boolean isLetters(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            int c = b[i] | 0x20;
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * End of an ISO 8601 timestamp starting at {@code s} as the text format recognises it: date, {@code T} or a
     * space, time, optional fraction, optional {@code Z} or numeric offset; or -1 when none starts there. The
     * range still has to be validated with {@link #iso}.
     */
    static int isoEnd(byte[] b, int s, int e) {
        if (e - s < 19 || b[s + 4] != '-' || b[s + 13] != ':') {
            return -1;
        }
        int i = s + 19;
        if (i < e && (b[i] == '.' || b[i] == ',')) {
            i = digitsEnd(b, i + 1, e);
        }
        return i < e ? offsetEnd(b, i, e) : i;
    }

    private static int offsetEnd(byte[] b, int i, int e) {
        if (b[i] == 'Z' || b[i] == 'z') {
            return i + 1;
        }
        if (b[i] != '+' && b[i] != '-') {
            return i;
        }
        int j = digitsEnd(b, i + 1, e);
        return j < e && b[j] == ':' ? digitsEnd(b, j + 1, e) : j;
    }

    /**
     * A time of day {@code HH:mm:ss[(.|,)fraction]} filling {@code [s, e)}, dated by the rule of
     * {@link TimeContext}.
     */
    static long timeOnly(byte[] b, int s, int e, TimeContext time, DateCache cache) {
        if (e - s < 8) {
            return NONE;
        }
        int secondOfDay = timeOfDay(b, s);
        if (secondOfDay < 0) {
            return NONE;
        }
        int millis = 0;
        if (e - s > 8) {
            int digitsEnd = digitsEnd(b, s + 9, e);
            if (b[s + 8] != '.' && b[s + 8] != ',' || digitsEnd != e || e == s + 9) {
                return NONE;
            }
            millis = fractionMillis(b, s + 9, e);
        }
        return withoutDate(time, cache, secondOfDay, millis);
    }
}
