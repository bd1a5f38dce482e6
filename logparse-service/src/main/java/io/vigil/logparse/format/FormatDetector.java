package io.vigil.logparse.format;

import java.util.List;

/**
 * Picks the format of a log from its first lines.
 *
 * <p>Every format except {@code text} parses a sample of up to {@link #SAMPLE_LINES} non-empty lines; lines a
 * format folds into the record above ({@link LineFormat#continuesRecord}) are not counted for it. The score is the
 * fraction of counted lines that parsed. The best score wins; equal scores go to the format that extracted more
 * fields per parsed line, then to the earlier format of {@link Formats#all}. When the best score is below
 * {@link #MIN_SCORE} (no clear majority) or the sample has no lines, the result is {@code text}, not detected, with
 * the layout of its times and levels chosen from the same lines ({@link LineFormat#forLines}).
 */
public final class FormatDetector {
    /** Most non-empty lines sampled. */
    public static final int SAMPLE_LINES = 100;
    /** Lowest score that counts as detected. */
    public static final double MIN_SCORE = 0.6;

    private static final double EPSILON = 1e-9;

    private final List<LineFormat> formats;
    private final LineFormat fallback;

    private FormatDetector(List<LineFormat> formats, LineFormat fallback) {
        this.formats = formats;
        this.fallback = fallback;
    }

    /**
     * A detector over {@link Formats#all(TimeContext)}.
     *
     * @param time zone and clock given to the formats
     * @return the detector
     */
    public static FormatDetector create(TimeContext time) {
        return create(time, List.of());
    }

    /**
     * A detector over {@link Formats#all(TimeContext, List)}: the custom formats first, then the built-in ones.
     *
     * @param time   zone and clock given to the formats
     * @param custom formats declared in configuration
     * @return the detector
     */
    public static FormatDetector create(TimeContext time, List<CustomFormat> custom) {
        List<LineFormat> all = Formats.all(time, custom);
        return new FormatDetector(all.subList(0, all.size() - 1), all.get(all.size() - 1));
    }

    /**
     * The outcome of detection.
     *
     * @param format   the chosen format ({@code text} when nothing fits)
     * @param detected whether a format other than the fallback reached {@link #MIN_SCORE}
     * @param score    fraction of sampled lines the best candidate parsed, 0..1 (also when it was not chosen)
     */
    public record Detection(LineFormat format, boolean detected, double score) {
    }

    /**
     * Detects the format of the lines in {@code [start, end)}, the beginning of a log split at {@code \n}
     * ({@code \r\n} too). The caller passes whole lines: a last line without a terminator counts as a line.
     *
     * @param buf   bytes
     * @param start first byte
     * @param end   end, exclusive
     * @return the detection
     */
    public Detection detect(byte[] buf, int start, int end) {
        ParsedLine out = new ParsedLine();
        LineFormat best = null;
        double bestScore = 0;
        double bestFields = 0;
        for (LineFormat format : formats) {
            Score score = score(format, buf, start, end, out);
            boolean better = score.ratio() > bestScore + EPSILON
                             || Math.abs(score.ratio() - bestScore) <= EPSILON && score.fieldsPerLine() > bestFields;
            if (score.counted() > 0 && better) {
                best = format;
                bestScore = score.ratio();
                bestFields = score.fieldsPerLine();
            }
        }
        if (best == null || bestScore < MIN_SCORE) {
            return new Detection(fallback.forLines(buf, start, end), false, bestScore);
        }
        return new Detection(best, true, bestScore);
    }

    private record Score(int counted, int parsed, long fields) {
        double ratio() {
            return counted == 0 ? 0 : (double) parsed / counted;
        }

        double fieldsPerLine() {
            return parsed == 0 ? 0 : (double) fields / parsed;
        }
    }

    private static Score score(LineFormat format, byte[] buf, int start, int end, ParsedLine out) {
        int counted = 0;
        int parsed = 0;
        long fields = 0;
        int lines = 0;
        int i = start;
        while (i < end && lines < SAMPLE_LINES) {
            int nl = Bytes.indexOf(buf, i, end, (byte) '\n');
            int lineEnd = nl < 0 ? end : nl;
            int contentEnd = lineEnd > i && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd > i) {
                lines++;
                if (counted == 0 || !format.continuesRecord(buf, i, contentEnd)) {
                    counted++;
                    if (format.parse(buf, i, contentEnd, out)) {
                        parsed++;
                        fields += out.fieldCount();
                    }
                }
            }
            i = lineEnd + 1;
        }
        return new Score(counted, parsed, fields);
    }
}
