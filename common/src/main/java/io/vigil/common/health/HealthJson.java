package io.vigil.common.health;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;

/**
 * The media type of draft-inadarei-api-health-check documents, which health-service writes and the gateway both
 * writes ({@code /api/v1/health}) and reads (health-service's report).
 */
public final class HealthJson {
    /** {@code application/health+json}. */
    public static final MediaType MEDIA_TYPE = MediaTypes.create("application", "health+json");

    private HealthJson() {
    }
}
