package io.vigil.common.health;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class HealthJsonTest {
    @Test
    void theMediaTypeIsTheDraftsOne() {
        assertThat(HealthJson.MEDIA_TYPE.text(), is("application/health+json"));
    }
}
