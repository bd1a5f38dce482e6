package io.vigil.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.TestConfig;

/**
 * Starts gateways for tests on an ephemeral loopback port, with test-friendly defaults that the given pairs
 * override: authentication off, a rate limit that never interferes, and an unreachable health-service.
 */
final class Gateways {
    /** The key {@link #KEY_SHA256} is the digest of. */
    static final String KEY = "s3cr3t-test-key";
    /** SHA-256 of {@link #KEY}. */
    static final String KEY_SHA256 = "f1980fa29a634c3273ed717f1dbfa233c1c05d8d7eb8f747087172097d1ef70e";

    private Gateways() {
    }

    /**
     * Configuration for a gateway.
     *
     * @param keysAndValues overrides, as pairs
     * @return configuration
     */
    static Config config(String... keysAndValues) {
        List<String> pairs = new ArrayList<>(List.of(
                "gateway.auth.mode", "none",
                "gateway.rate-limit.requests-per-second", "1000000",
                "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:9",
                "gateway.upstreams.health.endpoints", "http://127.0.0.1:9"));
        pairs.addAll(Arrays.asList(keysAndValues));
        return TestConfig.of(pairs.toArray(String[]::new));
    }

    /**
     * Starts a gateway.
     *
     * @param keysAndValues configuration overrides, as pairs
     * @return the running gateway
     */
    static VigilService start(String... keysAndValues) {
        return VigilService.start("gateway", config(keysAndValues), Main::routing, Main::server);
    }

    /**
     * A client of a service on loopback.
     *
     * @param service the service
     * @return a client whose base URI is the service
     */
    static WebClient client(VigilService service) {
        return WebClient.builder()
                .baseUri("http://127.0.0.1:" + service.port())
                .readTimeout(java.time.Duration.ofSeconds(20))
                .build();
    }

    /**
     * Stops services, ignoring {@code null}s.
     *
     * @param services services
     */
    static void stop(VigilService... services) {
        for (VigilService service : services) {
            if (service != null) {
                service.shutdown();
            }
        }
    }
}
