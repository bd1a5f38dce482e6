package io.vigil.common.accesslog;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** A request's own fields: later values replace earlier ones, snapshots are copies. */
class AccessLogFieldsTest {
    @Test
    void keepsFieldsInOrderAndReplacesByName() {
        AccessLogFields fields = AccessLogFields.create();
        fields.put("vigil.route", "/api").put("vigil.attempts", 1).put("vigil.attempts", 2).keyId("ci");
        Object[] snapshot = fields.snapshot();
        fields.put("vigil.route", "/other").put("vigil.circuit", "open");
        assertThat(snapshot, arrayContaining("vigil.route", "/api", "vigil.attempts", 2L));
        assertThat(fields.snapshot(), arrayContaining("vigil.route", "/other", "vigil.attempts", 2L, "vigil.circuit", "open"));
        assertThat(fields.keyId(), is("ci"));
    }

    @Test
    void nullValuesAreLeftOut() {
        AccessLogFields fields = AccessLogFields.create();
        fields.put("vigil.endpoint", null).keyId(null);
        assertThat(fields.snapshot().length, is(0));
        assertThat(fields.keyId(), nullValue());
    }
}
