package io.vigil.gateway.proxy;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class RequestHeadTest {
    @Test
    void upstreamTargetsKeepTheRawQuery() {
        assertThat(RequestHead.target("/v1/analyze", "top=5&format=a%20b"), is("/v1/analyze?top=5&format=a%20b"));
        assertThat(RequestHead.target("/base/v1/formats", ""), is("/base/v1/formats"));
        assertThat(RequestHead.target("/v1/formats", null), is("/v1/formats"));
    }
}
