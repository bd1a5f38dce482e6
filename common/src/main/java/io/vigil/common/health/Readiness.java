package io.vigil.common.health;

import java.util.function.Supplier;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness checks for {@code /observe/health/ready} made from a name and a function, so a service does
 * not spell out a {@link HealthCheck} class for each.
 */
public final class Readiness {
    private Readiness() {
    }

    /**
     * A readiness check.
     *
     * @param name     the check's name in the health document
     * @param response computes the current answer on each call
     * @return the check
     */
    public static HealthCheck check(String name, Supplier<HealthCheckResponse> response) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return response.get();
            }
        };
    }
}
