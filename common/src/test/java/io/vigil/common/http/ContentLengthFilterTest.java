package io.vigil.common.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ContentLengthFilterTest {
    @Test
    void oneNonNegativeLengthIsValid() {
        assertThat(ContentLengthFilter.valid(List.of("0")), is(true));
        assertThat(ContentLengthFilter.valid(List.of("1234")), is(true));
        assertThat("the same length repeated", ContentLengthFilter.valid(List.of("5", "5, 5")), is(true));
    }

    @Test
    void differentNegativeOrMalformedLengthsAreNot() {
        assertThat(ContentLengthFilter.valid(List.of("3", "4")), is(false));
        assertThat(ContentLengthFilter.valid(List.of("3, 4")), is(false));
        assertThat(ContentLengthFilter.valid(List.of("-1")), is(false));
        assertThat(ContentLengthFilter.valid(List.of("+1")), is(false));
        assertThat(ContentLengthFilter.valid(List.of("")), is(false));
        assertThat(ContentLengthFilter.valid(List.of("1,")), is(false));
        assertThat(ContentLengthFilter.valid(List.of("99999999999999999999")), is(false));
    }
}
