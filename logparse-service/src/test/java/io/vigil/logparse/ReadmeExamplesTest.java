package io.vigil.logparse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vigil.logparse.engine.AnalyzeOptions;
import io.vigil.logparse.engine.EngineLimits;
import io.vigil.logparse.engine.ParseOptions;
import io.vigil.logparse.engine.Parser;
import io.vigil.logparse.format.CustomFormat;
import io.vigil.logparse.format.FormatSyntaxException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The format examples of the README hold: each {@code text} block with {@code format:} and {@code line:} gives the
 * {@code record:} it shows (the {@code /v1/parse} record), and each {@code format:} with {@code error:} is refused with
 * that message.
 */
class ReadmeExamplesTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "```text\\nformat: (.*)\\n(?:line: +(.*)\\nrecord: (.*)|error: +(.*))\\n```");
    /** "Now" for the examples without a year: 2026-12-04T12:00:00Z. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    private record Example(String format, String line, String record, String error) {
    }

    @Test
    void everyFormatExampleOfTheReadmeHolds() throws IOException {
        List<Example> examples = examples();
        assertThat(examples.size(), greaterThanOrEqualTo(4));
        for (Example example : examples) {
            if (example.error() != null) {
                FormatSyntaxException e = assertThrows(FormatSyntaxException.class, () -> CustomFormat.inline(example.format()));
                assertThat(e.getMessage(), is(example.error()));
            } else {
                assertThat(example.format() + "\n" + example.line(), parse(example.format(), example.line()),
                           is(example.record()));
            }
        }
    }

    private static List<Example> examples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = EXAMPLE.matcher(readme);
        List<Example> examples = new ArrayList<>();
        while (m.find()) {
            examples.add(new Example(m.group(1).strip(), m.group(2), m.group(3), m.group(4)));
        }
        return examples;
    }

    private static String parse(String format, String line) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Parser(EngineLimits.DEFAULTS).parse(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                                                new ParseOptions(new AnalyzeOptions(format, ZoneOffset.UTC, CLOCK), false),
                                                detection -> out);
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
