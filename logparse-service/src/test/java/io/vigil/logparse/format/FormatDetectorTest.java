package io.vigil.logparse.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

class FormatDetectorTest {
    private final FormatDetector detector = FormatDetector.create(FormatTesting.UTC);

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = FormatDetectorTest.class.getResourceAsStream("/samples/" + name + ".log")) {
            return in.readAllBytes();
        }
    }

    private FormatDetector.Detection detect(byte[] bytes) {
        return detector.detect(bytes, 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"common", "combined", "nginx-error", "apache-error", "syslog-rfc3164", "syslog-rfc5424",
        "logfmt", "json", "log4j", "python", "klog", "logcat"})
    void detectsEachSampleFile(String name) throws IOException {
        FormatDetector.Detection detection = detect(sample(name));
        assertThat(detection.format().name(), is(name));
        assertThat(detection.detected(), is(true));
        assertThat(detection.score(), is(1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed", "prose"})
    void mixedOrUnknownInputFallsBackToText(String name) throws IOException {
        FormatDetector.Detection detection = detect(sample(name));
        assertThat(detection.format().name(), is("text"));
        assertThat(detection.detected(), is(false));
        assertThat(detection.score(), lessThan(FormatDetector.MIN_SCORE));
    }

    @Test
    void everySampleLineOfTheFormatsParses() throws IOException {
        for (LineFormat format : Formats.all(FormatTesting.UTC)) {
            byte[] line = format.sample().getBytes(StandardCharsets.UTF_8);
            assertThat(format.name(), format.parse(line, 0, line.length, new ParsedLine()), is(true));
            if (!format.name().equals(Formats.TEXT)) {
                assertThat(format.name(), detect(line).format().name(), is(format.name()));
            }
            assertThat(format.description().isBlank(), is(false));
        }
    }

    @Test
    void emptyInputIsText() {
        FormatDetector.Detection detection = detect(new byte[0]);
        assertThat(detection.format().name(), is("text"));
        assertThat(detection.detected(), is(false));
        assertThat(detection.score(), is(0.0));
        assertThat(detect("\n\r\n\n".getBytes(StandardCharsets.UTF_8)).format().name(), is("text"));
    }

    @Test
    void majorityWinsAndCrLfIsHandled() {
        String good = "Mar 14 10:15:30 web01 sshd[1234]: Accepted publickey\r\n";
        String text = good.repeat(7) + "garbage line\r\n".repeat(3);
        FormatDetector.Detection detection = detect(text.getBytes(StandardCharsets.UTF_8));
        assertThat(detection.format().name(), is("syslog-rfc3164"));
        assertThat(detection.score(), closeTo(0.7, 1e-9));
    }

    @Test
    void samplesAtMostTheFirstHundredLines() {
        String text = "at=info n=1\n".repeat(FormatDetector.SAMPLE_LINES) + "garbage\n".repeat(500);
        FormatDetector.Detection detection = detect(text.getBytes(StandardCharsets.UTF_8));
        assertThat(detection.format().name(), is("logfmt"));
        assertThat(detection.score(), is(1.0));
    }

    @Test
    void formatsByName() {
        assertThat(Formats.byName("COMBINED", FormatTesting.UTC).orElseThrow().name(), is("combined"));
        assertThat(Formats.byName("nope", FormatTesting.UTC).isPresent(), is(false));
        assertThat(Formats.names().size(), is(13));
        assertThat(Formats.names().get(Formats.names().size() - 1), is(Formats.TEXT));
        assertThat(Formats.all(TimeContext.utc()).size(), is(13));
    }
}
