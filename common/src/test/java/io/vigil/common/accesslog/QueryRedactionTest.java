package io.vigil.common.accesslog;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Secret-looking parameters lose their values; everything else stays exactly as sent. */
class QueryRedactionTest {
    @Test
    void redactsValuesOfSecretLookingNames() {
        assertThat(QueryRedaction.redact("q=x&api_key=abc&Token=t&X-Amz-Signature=s&password=p&top=10"),
                   is("q=x&api_key=REDACTED&Token=REDACTED&X-Amz-Signature=REDACTED&password=REDACTED&top=10"));
    }

    @Test
    void keepsEverythingElseAsSent() {
        assertThat(QueryRedaction.redact(""), is(""));
        assertThat(QueryRedaction.redact("format=combined&top=5"), is("format=combined&top=5"));
        assertThat(QueryRedaction.redact("flag&&a=%20b&"), is("flag&&a=%20b&"));
        assertThat(QueryRedaction.redact("key"), is("key"));
    }
}
