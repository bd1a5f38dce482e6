package io.vigil.common.config;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class InvalidConfigExceptionTest {
    @Test
    void theMessageNamesTheKeyTheValueAndWhatWasExpected() {
        InvalidConfigException e = new InvalidConfigException("server.port", "abc", "an integer 0..65535");

        assertThat(e.getMessage(), is("invalid configuration: server.port = \"abc\" (expected: an integer 0..65535)"));
        assertThat(e.key(), is("server.port"));
    }

    @Test
    void anEntryOfAListCanBeNamedInFrontOfTheKey() {
        InvalidConfigException e = new InvalidConfigException("health.checks.1.url", "", "an http(s) URI")
                .in("check \"gateway\"");

        assertThat(e.getMessage(),
                   is("invalid configuration: check \"gateway\": health.checks.1.url = \"\" (expected: an http(s) URI)"));
        assertThat(e.key(), is("health.checks.1.url"));
    }
}
