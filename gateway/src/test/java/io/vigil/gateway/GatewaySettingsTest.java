package io.vigil.gateway;

import java.net.URI;
import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatewaySettingsTest {
    @Test
    void readsBothUpstreamsWithDefaultsForTimeouts() {
        Config config = TestConfig.of("gateway.upstreams.logparse.base-uri", "http://logparse:8082",
                                      "gateway.upstreams.logparse.read-timeout", "PT2M",
                                      "gateway.upstreams.health.base-uri", "https://health.internal");

        GatewaySettings settings = GatewaySettings.create(config.get("gateway"));

        assertThat(settings.upstream("logparse"), is(new UpstreamSettings("logparse", URI.create("http://logparse:8082"),
                                                                          Duration.ofSeconds(1), Duration.ofMinutes(2))));
        assertThat(settings.upstream("health").baseUri(), is(URI.create("https://health.internal")));
    }

    @Test
    void aMissingUpstreamNamesTheKeyToSet() {
        Config config = TestConfig.of("gateway.upstreams.logparse.base-uri", "http://logparse:8082");

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> GatewaySettings.create(config.get("gateway")));
        assertThat(e.key(), is("gateway.upstreams.health.base-uri"));
    }

    @Test
    void anUnknownUpstreamIsAProgrammingError() {
        Config config = TestConfig.of("gateway.upstreams.logparse.base-uri", "http://a", "gateway.upstreams.health.base-uri",
                                      "http://b");
        GatewaySettings settings = GatewaySettings.create(config.get("gateway"));

        assertThrows(IllegalArgumentException.class, () -> settings.upstream("billing"));
    }
}
