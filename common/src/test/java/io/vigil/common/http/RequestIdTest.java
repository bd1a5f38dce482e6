package io.vigil.common.http;

import io.vigil.common.Result;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestIdTest {
    @Test
    void acceptsTheAllowedAlphabetUpTo128Characters() {
        String longest = "a".repeat(128);

        assertThat(RequestId.parse("Ab9._-"), is(Result.ok(new RequestId("Ab9._-"))));
        assertThat(RequestId.parse(longest).isOk(), is(true));
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : new String[] {"", "a".repeat(129), "has space", "semi;colon", "ünï", "a\nb", "a/b", "{x}", "@", null}) {
            assertThat(String.valueOf(bad), RequestId.parse(bad),
                       is(Result.err("X-Request-Id must match [A-Za-z0-9._-]{1,128}")));
        }
        assertThrows(IllegalArgumentException.class, () -> new RequestId("bad id"));
    }

    @Test
    void generatedIdsAreValidAndDistinct() {
        RequestId first = RequestId.generate();
        RequestId second = RequestId.generate();

        assertThat(RequestId.parse(first.value()).isOk(), is(true));
        assertThat(first, not(second));
        java.util.UUID uuid = java.util.UUID.fromString(first.value());
        assertThat(uuid.version(), is(4));
        assertThat(uuid.variant(), is(2));
    }

    @Test
    void acceptOrGenerateKeepsValidIdsOnly() {
        assertThat(RequestId.acceptOrGenerate("client-7").value(), is("client-7"));
        assertThat(RequestId.acceptOrGenerate("client 7").value(), not("client 7"));
        assertThat(RequestId.acceptOrGenerate(null).value().length(), is(36));
    }
}
