package io.vigil.logparse.format;

import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Coverage-guided fuzzing of the custom format compilers and of the parsers they make: any format string compiles or
 * is refused with a position inside the string; a compiled format never throws whatever the line, gives a reason for a
 * line it rejects, and reads only inside the slice it was given.
 */
class CustomFormatFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyFormatStringCompilesOrNamesItsFault(FuzzedDataProvider data) {
        String definition = (data.consumeBoolean() ? CustomFormat.NGINX : CustomFormat.APACHE) + data.consumeString(60);
        LineFormat format;
        try {
            format = CustomFormat.inline(definition).compile(TimeContext.utc());
        } catch (FormatSyntaxException e) {
            int length = definition.length() - definition.indexOf(':') - 1;
            assertThat(e.getMessage(), e.position() >= 1 && e.position() <= Math.max(1, length), is(true));
            return;
        }
        ParsedLine out = new ParsedLine();
        int padding = data.consumeInt(0, 8);
        byte[] line = data.consumeRemainingAsBytes();
        byte[] buffer = new byte[line.length + 2 * padding];
        Arrays.fill(buffer, (byte) '"');
        System.arraycopy(line, 0, buffer, padding, line.length);
        boolean parsed = format.parse(buffer, padding, padding + line.length, out);
        if (!parsed) {
            assertThat(definition + " rejected a line without a reason", out.error(), notNullValue());
        }
        assertThat(definition + " read outside its slice", format.parse(line, 0, line.length, new ParsedLine()), is(parsed));
    }
}
