package io.vigil.logparse.format;

import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Coverage-guided fuzzing of every line format and of format detection: whatever the bytes, a format never throws,
 * a line it rejects carries a reason, it reads only inside the slice it was given, and folding and parsing agree
 * (a line that continues a record is never a record of its own).
 */
class FormatParsersFuzzTest {
    private static final List<LineFormat> FORMATS = Formats.all(TimeContext.utc());
    private static final FormatDetector DETECTOR = FormatDetector.create(TimeContext.utc());

    @FuzzTest(maxDuration = "60s")
    void everyFormatTakesAnyLine(FuzzedDataProvider data) {
        int padding = data.consumeInt(0, 8);
        byte[] line = data.consumeRemainingAsBytes();
        // The line sits inside a larger buffer whose surrounding bytes would change the result if read.
        byte[] buffer = new byte[line.length + 2 * padding];
        Arrays.fill(buffer, (byte) '"');
        System.arraycopy(line, 0, buffer, padding, line.length);
        ParsedLine out = new ParsedLine();
        ParsedLine alone = new ParsedLine();
        for (LineFormat format : FORMATS) {
            boolean continues = format.continuesRecord(buffer, padding, padding + line.length);
            boolean parsed = format.parse(buffer, padding, padding + line.length, out);
            if (!parsed) {
                assertThat(format.name() + " rejected a line without a reason", out.error(), notNullValue());
            }
            if (continues) {
                assertThat(format.name() + " parsed a line it folds into the previous record", parsed, is(false));
            }
            assertThat(format.name() + " read outside its slice", format.parse(line, 0, line.length, alone), is(parsed));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void detectionTakesAnyBytes(byte[] log) {
        FormatDetector.Detection detection = DETECTOR.detect(log, 0, log.length);
        assertThat(detection.format(), notNullValue());
        assertThat(detection.score() >= 0 && detection.score() <= 1, is(true));
    }
}
