package io.vigil.logparse.format;

/**
 * Where the lines of a {@code text} log keep their time and their level: a time pattern at the start of the line and
 * a rule for the level. One layout is chosen per log from its first lines ({@link #choose}); every line is then read
 * with that layout only. A line that does not match it is still a record, without a time.
 *
 * <p>Levels: by default the first upper-case word that names a level ({@link #upperCaseLevel}); {@link #COMMA_LEVEL}
 * takes the word after the comma in any case. A missing year is inferred by the rule of {@link TimeContext}; a
 * two-digit year is stated, not missing: it is taken within 80 years before and 20 years after "now", as
 * {@code java.text.SimpleDateFormat} does, so a date some days ahead stays in its year. Times without an offset are
 * local in the context's zone. Optimised byte parsers, no allocation.
 */
enum TextLayout {
    /**
     * The rule {@code text} always had: ISO 8601 (optionally in {@code [...]}), {@code yyyy/MM/dd HH:mm:ss}, syslog
     * {@code MMM dd HH:mm:ss}, {@code [}Common Log Format{@code ]}, {@code [}Apache error-log date{@code ]}. The
     * layout of logs that use none of the others, and of log4j or Python logs with thread or pid columns before
     * the level ({@code 2026-11-24 14:03:07,123 12345 WARNING module: msg}).
     */
    STANDARD,
    /** {@code yy/MM/dd HH:mm:ss} (Spark): {@code 26/11/24 14:03:07 WARN scheduler.TaskSetManager: Lost task 3.0}. */
    TWO_DIGIT_YEAR,
    /** {@code yyMMdd HHmmss} (HDFS): {@code 261124 140307 42 INFO dfs.DataNode: Receiving block}. */
    COMPACT,
    /** {@code yyyy.MM.dd-HH.mm.ss[.ffffff]}, dashes in the date too (BGL): {@code 2026.11.24-14.03.07.123456}. */
    DOTTED,
    /** {@code yyyyMMdd-HH:mm:ss[:SSS]} (HealthApp): {@code 20261124-14:03:07:123|Step|...}. */
    DIGITS_DASH,
    /** {@code yyyy-MM-dd HH:mm:ss,} then the level in any case (Windows CBS): {@code 2026-11-24 14:03:07, Info  CBS}. */
    COMMA_LEVEL,
    /** Month and day in brackets, year inferred (Proxifier): {@code [11.24 14:03:07] app.exe - proxy:8080 open}. */
    MONTH_DAY,
    /** Unix epoch seconds, ten digits (BGL, Thunderbird): {@code 1732457187 2026.11.24 node-12 ...}. */
    EPOCH;

    /** A layout other than {@link #STANDARD} is chosen when its time is found in at least this share of lines. */
    static final double MIN_SHARE = 0.25;

    private static final TextLayout[] LAYOUTS = values();

    /**
     * The layout of the log whose first lines are in {@code [start, end)}: the one whose time is found in the most of
     * up to {@link FormatDetector#SAMPLE_LINES} non-empty lines, when that is more than {@link #STANDARD} finds and at
     * least {@link #MIN_SHARE} of them; otherwise {@link #STANDARD}. Equal counts go to the earlier layout.
     *
     * @param buf   bytes
     * @param start first byte
     * @param end   end, exclusive
     * @param time  zone and clock
     * @return the layout
     */
    static TextLayout choose(byte[] buf, int start, int end, TimeContext time) {
        int[] found = timesFound(buf, start, end, time);
        int lines = found[LAYOUTS.length];
        TextLayout best = STANDARD;
        for (TextLayout layout : LAYOUTS) {
            if (found[layout.ordinal()] > found[best.ordinal()]) {
                best = layout;
            }
        }
        return found[best.ordinal()] >= MIN_SHARE * lines ? best : STANDARD;
    }

    /** Per layout, the sampled lines in which it finds a time; the last element is the number of lines sampled. */
    private static int[] timesFound(byte[] buf, int start, int end, TimeContext time) {
        int[] found = new int[LAYOUTS.length + 1];
        DateCache dates = new DateCache();
        int lines = 0;
        int i = start;
        while (i < end && lines < FormatDetector.SAMPLE_LINES) {
            int nl = Bytes.indexOf(buf, i, end, (byte) '\n');
            int lineEnd = nl < 0 ? end : nl;
            int contentEnd = lineEnd > i && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd > i) {
                lines++;
                for (TextLayout layout : LAYOUTS) {
                    if (layout.time(buf, i, contentEnd, time, dates) != Timestamps.NONE) {
                        found[layout.ordinal()]++;
                    }
                }
            }
            i = lineEnd + 1;
        }
        found[LAYOUTS.length] = lines;
        return found;
    }

    /**
     * The time at the start of the line {@code [s, e)} in this layout.
     *
     * @return epoch millis, or {@link Timestamps#NONE}
     */
    long time(byte[] b, int s, int e, TimeContext time, DateCache dates) {
        return switch (this) {
            case STANDARD -> standard(b, s, e, time, dates);
            case TWO_DIGIT_YEAR -> twoDigitYear(b, s, e, time, dates);
            case COMPACT -> compact(b, s, e, time, dates);
            case DOTTED -> dotted(b, s, e, time, dates);
            case DIGITS_DASH -> digitsDash(b, s, e, time, dates);
            case COMMA_LEVEL -> e - s > 20 && b[s + 19] == ',' && b[s + 20] == ' '
                    ? Timestamps.iso(b, s, s + 19, time, dates) : Timestamps.NONE;
            case MONTH_DAY -> monthDay(b, s, e, time, dates);
            case EPOCH -> epoch(b, s, e);
        };
    }

    /**
     * The level of the line {@code [s, e)} in this layout.
     *
     * @return the level, or {@link Level#NONE}
     */
    Level level(byte[] b, int s, int e) {
        if (this == COMMA_LEVEL && e - s > 20) {
            int word = Bytes.skipSpaces(b, s + 20, e);
            int wordEnd = word;
            while (wordEnd < e && letter(b[wordEnd])) {
                wordEnd++;
            }
            Level level = Levels.parse(b, word, wordEnd);
            if (level != Level.NONE) {
                return level;
            }
        }
        return upperCaseLevel(b, s, e);
    }

    /** The first word (a maximal run of ASCII letters) of three letters or more, in upper case, that names a level. */
    static Level upperCaseLevel(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            while (i < e && !letter(b[i])) {
                i++;
            }
            int wordStart = i;
            boolean upper = true;
            while (i < e && letter(b[i])) {
                upper &= b[i] <= 'Z';
                i++;
            }
            if (upper && i - wordStart >= 3) {
                Level level = Levels.parse(b, wordStart, i);
                if (level != Level.NONE) {
                    return level;
                }
            }
        }
        return Level.NONE;
    }

    private static boolean letter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** Whether the time that ends at {@code i} ends a word: the line ends or a non-digit follows. */
    private static boolean ends(byte[] b, int i, int e) {
        return i == e || Timestamps.digit(b[i]) < 0;
    }

    private static long standard(byte[] b, int start, int end, TimeContext time, DateCache dates) {
        boolean bracketed = start < end && b[start] == '[';
        int s = bracketed ? start + 1 : start;
        int e = bracketed ? closingBracket(b, s, end) : end;
        return e - s < 15 ? Timestamps.NONE : standard(b, s, e, bracketed, time, dates);
    }

    /** The time filling {@code [s, e)}, at least 15 bytes, found between brackets or at the start of the line. */
    private static long standard(byte[] b, int s, int e, boolean bracketed, TimeContext time, DateCache dates) {
        if (Timestamps.digit(b[s]) < 0) {
            return bracketed ? Timestamps.apache(b, s, e, time, dates) : Timestamps.bsd(b, s, e, time, dates);
        }
        if (b[s + 4] == '/') {
            return Timestamps.slashed(b, s, e, time, dates);
        }
        if (b[s + 2] == '/') {
            return bracketed ? Timestamps.clf(b, s, e, dates) : Timestamps.NONE;
        }
        int isoEnd = Timestamps.isoEnd(b, s, e);
        return isoEnd < 0 ? Timestamps.NONE : Timestamps.iso(b, s, isoEnd, time, dates);
    }

    private static int closingBracket(byte[] b, int s, int e) {
        int close = Bytes.indexOf(b, s, Math.min(e, s + 64), (byte) ']');
        return close < 0 ? e : close;
    }

    /** {@code yy/MM/dd HH:mm:ss}. */
    private static long twoDigitYear(byte[] b, int s, int e, TimeContext time, DateCache dates) {
        if (e - s < 17 || b[s + 2] != '/' || b[s + 5] != '/' || b[s + 8] != ' ' || !ends(b, s + 17, e)) {
            return Timestamps.NONE;
        }
        return withCentury(time, dates, Timestamps.digits(b, s, 2), Timestamps.digits(b, s + 3, 2),
                           Timestamps.digits(b, s + 6, 2), Timestamps.timeOfDay(b, s + 9));
    }

    /** {@code yyMMdd HHmmss}. */
    private static long compact(byte[] b, int s, int e, TimeContext time, DateCache dates) {
        if (e - s < 13 || b[s + 6] != ' ' || !ends(b, s + 13, e)) {
            return Timestamps.NONE;
        }
        int secondOfDay = secondOfDay(Timestamps.digits(b, s + 7, 2), Timestamps.digits(b, s + 9, 2),
                                      Timestamps.digits(b, s + 11, 2));
        return withCentury(time, dates, Timestamps.digits(b, s, 2), Timestamps.digits(b, s + 2, 2),
                           Timestamps.digits(b, s + 4, 2), secondOfDay);
    }

    /**
     * A date with a two-digit year, placed within 80 years before and 20 years after "now" (the year is stated, so a
     * date a little ahead of "now" is clock skew, not a date of the century before).
     */
    private static long withCentury(TimeContext time, DateCache dates, int yy, int month, int day, int secondOfDay) {
        if (yy < 0 || secondOfDay < 0) {
            return Timestamps.NONE;
        }
        int year = time.nowYear() / 100 * 100 + yy;
        if (year > time.nowYear() + 20) {
            year -= 100;
        }
        long epochDay = dates.epochDay(year, month, day);
        return epochDay == DateCache.INVALID ? Timestamps.NONE : dates.localMillis(time, epochDay, secondOfDay, 0);
    }

    /** Seconds of an hour, minute and second ({@code -1} for a missing one), or -1 when they are no time of day. */
    private static int secondOfDay(int h, int m, int s) {
        boolean valid = h >= 0 && m >= 0 && s >= 0 && h < 24 && m < 60 && s < 60;
        return valid ? h * 3600 + m * 60 + s : -1;
    }

    /** {@code yyyy.MM.dd-HH.mm.ss[.fraction]}, or with dashes in the date. */
    private static long dotted(byte[] b, int s, int e, TimeContext time, DateCache dates) {
        if (!dottedShape(b, s, e)) {
            return Timestamps.NONE;
        }
        long day = dates.epochDay(Timestamps.digits(b, s, 4), Timestamps.digits(b, s + 5, 2),
                                  Timestamps.digits(b, s + 8, 2));
        int secondOfDay = secondOfDay(Timestamps.digits(b, s + 11, 2), Timestamps.digits(b, s + 14, 2),
                                      Timestamps.digits(b, s + 17, 2));
        int millis = fraction(b, s + 19, e, '.');
        if (day == DateCache.INVALID || secondOfDay < 0 || millis < 0) {
            return Timestamps.NONE;
        }
        return dates.localMillis(time, day, secondOfDay, millis);
    }

    /** Whether the separators of {@code yyyy.MM.dd-HH.mm.ss} (or {@code yyyy-MM-dd-HH.mm.ss}) are in place. */
    private static boolean dottedShape(byte[] b, int s, int e) {
        byte sep = e - s < 19 ? 0 : b[s + 4];
        return (sep == '.' || sep == '-') && b[s + 7] == sep && b[s + 10] == '-' && b[s + 13] == '.' && b[s + 16] == '.';
    }

    /** {@code yyyyMMdd-HH:mm:ss[:SSS]}. */
    private static long digitsDash(byte[] b, int s, int e, TimeContext time, DateCache dates) {
        if (e - s < 17 || b[s + 8] != '-') {
            return Timestamps.NONE;
        }
        long day = dates.epochDay(Timestamps.digits(b, s, 4), Timestamps.digits(b, s + 4, 2),
                                  Timestamps.digits(b, s + 6, 2));
        int secondOfDay = Timestamps.timeOfDay(b, s + 9);
        int millis = fraction(b, s + 17, e, ':');
        if (day == DateCache.INVALID || secondOfDay < 0 || millis < 0) {
            return Timestamps.NONE;
        }
        return dates.localMillis(time, day, secondOfDay, millis);
    }

    /**
     * Milliseconds of an optional {@code sep 1*digit} at {@code i} (0 when there is none), or -1 when a digit follows
     * the time instead.
     */
    private static int fraction(byte[] b, int i, int e, char sep) {
        if (i + 1 < e && b[i] == sep && Timestamps.digit(b[i + 1]) >= 0) {
            return Timestamps.fractionMillis(b, i + 1, Timestamps.digitsEnd(b, i + 1, e));
        }
        return ends(b, i, e) ? 0 : -1;
    }

    /** {@code [MM.dd HH:mm:ss]}, year inferred. */
    private static long monthDay(byte[] b, int s, int e, TimeContext time, DateCache dates) {
        if (e - s < 16 || b[s] != '[' || b[s + 3] != '.' || b[s + 6] != ' ' || b[s + 15] != ']') {
            return Timestamps.NONE;
        }
        int month = Timestamps.digits(b, s + 1, 2);
        int day = Timestamps.digits(b, s + 4, 2);
        int secondOfDay = Timestamps.timeOfDay(b, s + 7);
        if (month < 1 || month > 12 || day < 1 || secondOfDay < 0) {
            return Timestamps.NONE;
        }
        return Timestamps.withoutYear(time, dates, month, day, secondOfDay, 0);
    }

    /** Ten digits of Unix epoch seconds, then a non-digit or the end. */
    private static long epoch(byte[] b, int s, int e) {
        if (e - s < 10 || !ends(b, s + 10, e)) {
            return Timestamps.NONE;
        }
        long seconds = 0;
        for (int i = s; i < s + 10; i++) {
            int d = Timestamps.digit(b[i]);
            if (d < 0) {
                return Timestamps.NONE;
            }
            seconds = seconds * 10 + d;
        }
        return seconds * 1000L;
    }
}
