package io.vigil.common;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResultTest {
    @Test
    void mapTransformsOkAndPassesErrThrough() {
        assertThat(Result.ok(20).map(n -> n + 1), is(Result.ok(21)));
        assertThat(Result.<Integer>err("no number").map(n -> n + 1), is(Result.err("no number")));
    }

    @Test
    void flatMapChainsOperationsThatCanFail() {
        Result<Integer> parsed = Result.ok("42").flatMap(ResultTest::parse);
        Result<Integer> failed = Result.ok("4x2").flatMap(ResultTest::parse);
        Result<Integer> early = Result.<String>err("empty line").flatMap(ResultTest::parse);

        assertThat(parsed, is(Result.ok(42)));
        assertThat(failed, is(Result.err("not a number: 4x2")));
        assertThat(early, is(Result.err("empty line")));
    }

    @Test
    void orElseGetReceivesTheReason() {
        assertThat(Result.ok("a").orElseGet(reason -> "b"), is("a"));
        assertThat(Result.<String>err("bad").orElseGet(reason -> "fallback after " + reason), is("fallback after bad"));
    }

    @Test
    void isOkTellsTheVariantsApart() {
        assertThat(Result.ok(1).isOk(), is(true));
        assertThat(Result.err("x").isOk(), is(false));
    }

    @Test
    void variantsRejectMissingContent() {
        assertThrows(NullPointerException.class, () -> Result.ok(null));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> Result.err(" "));
        assertThat(blank.getMessage(), is("reason: ' ' (expected: a non-blank text)"));
    }

    private static Result<Integer> parse(String text) {
        try {
            return Result.ok(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Result.err("not a number: " + text);
        }
    }
}
