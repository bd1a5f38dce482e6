package io.vigil.logparse.engine;

import java.io.StringReader;

import jakarta.json.Json;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class RecordWriterTest {
    @Property(tries = 500)
    void anyTextRoundTripsThroughTheEscaper(@ForAll String text) {
        String literal = RecordWriter.appendQuoted(new StringBuilder(), text).toString();

        String parsed = Json.createReader(new StringReader("[" + literal + "]")).readArray().getString(0);

        assertThat(parsed, is(text));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(RecordWriter.appendQuoted(new StringBuilder(), "a\"b\\c\n\t\u0001").toString(),
                   is("\"a\\\"b\\\\c\\n\\t\\u0001\""));
    }
}
