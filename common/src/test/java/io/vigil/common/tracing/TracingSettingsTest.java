package io.vigil.common.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TracingSettingsTest {
    @Test
    void defaultsAreOffWithW3cAndJaegerPropagationToALocalCollector() {
        TracingSettings settings = TracingSettings.create(TestConfig.of().get("tracing"), "gateway");

        assertThat(settings.enabled(), is(false));
        assertThat(settings.service(), is("gateway"));
        assertThat(settings.protocol(), is("http"));
        assertThat(settings.host(), is("localhost"));
        assertThat(settings.port(), is(14250));
        assertThat(settings.sampler(), is(TracingSettings.Sampler.CONST));
        assertThat(settings.samplerParam(), is(1.0));
        assertThat(settings.propagation(), is(List.of(Propagation.W3C, Propagation.JAEGER)));
        assertThat(settings.exporterTimeout(), is(Duration.ofSeconds(2)));
        assertThat(settings.scheduleDelay(), is(Duration.ofSeconds(1)));
        assertThat(settings.maxQueueSize(), is(2048));
        assertThat(settings.maxExportBatchSize(), is(512));
        assertThat(TracingSettings.enabled(TestConfig.of()), is(false));
    }

    @Test
    void everyKeyIsRead() {
        TracingSettings settings = TracingSettings.create(TestConfig.of(
                "tracing.enabled", "TRUE", "tracing.service", "edge", "tracing.protocol", "https",
                "tracing.host", "jaeger", "tracing.port", "4250", "tracing.sampler-type", "ratio",
                "tracing.sampler-param", "0.25", "tracing.propagation.0", "jaeger", "tracing.propagation.1", "b3-single",
                "tracing.exporter-timeout", "PT5S", "tracing.schedule-delay", "PT0.1S", "tracing.max-queue-size", "64",
                "tracing.max-export-batch-size", "8").get("tracing"), "gateway");

        assertThat(settings, is(new TracingSettings(true, "edge", "https", "jaeger", 4250, TracingSettings.Sampler.RATIO, 0.25,
                                                    List.of(Propagation.JAEGER, Propagation.B3_SINGLE), Duration.ofSeconds(5),
                                                    Duration.ofMillis(100), 64, 8)));
        assertThat(TracingSettings.enabled(TestConfig.of("tracing.enabled", "true")), is(true));
    }

    @Test
    void propagationMayBeOneCommaSeparatedValueAsFromAnEnvironmentVariable() {
        TracingSettings settings = TracingSettings.create(TestConfig.of("tracing.propagation", "jaeger, w3c").get("tracing"),
                                                          "x");

        assertThat(settings.propagation(), is(List.of(Propagation.JAEGER, Propagation.W3C)));
    }

    @Test
    void anEnvironmentVariableReplacesTheListOfTheYaml() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("tracing.propagation", "b3")))
                .addSource(ConfigSources.create(Map.of("tracing.propagation.0", "w3c", "tracing.propagation.1", "jaeger")))
                .build();

        assertThat(TracingSettings.create(config.get("tracing"), "x").propagation(), is(List.of(Propagation.B3)));
    }

    @Test
    void theBatchIsNeverLargerThanTheQueue() {
        TracingSettings small = TracingSettings.create(TestConfig.of("tracing.max-queue-size", "100").get("tracing"), "x");
        assertThat(small.maxExportBatchSize(), is(100));

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TracingSettings.create(TestConfig.of(
                "tracing.max-queue-size", "100", "tracing.max-export-batch-size", "101").get("tracing"), "x"));
        assertThat(e.key(), is("tracing.max-export-batch-size"));
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertInvalid("tracing.enabled", "yes");
        assertInvalid("tracing.port", "0");
        assertInvalid("tracing.protocol", "grpc");
        assertInvalid("tracing.sampler-type", "remote");
        assertInvalid("tracing.sampler-param", "0.5");
        assertInvalid("tracing.schedule-delay", "5s");
        assertInvalid("tracing.host", " ");
        InvalidConfigException propagation = assertThrows(InvalidConfigException.class, () -> TracingSettings.create(
                TestConfig.of("tracing.propagation", "w3c,zipkin").get("tracing"), "x"));
        assertThat(propagation.getMessage(), containsString("tracing.propagation = \"w3c,zipkin\""));
    }

    @Test
    void aRatioSamplerTakesAShare() {
        TracingSettings settings = TracingSettings.create(TestConfig.of("tracing.sampler-type", "ratio", "tracing.sampler-param",
                                                                        "0.5").get("tracing"), "x");

        assertThat(settings.samplerParam(), is(0.5));
        assertInvalid("tracing.sampler-param", "1.5", "tracing.sampler-type", "ratio");
    }

    private static void assertInvalid(String key, String value, String... more) {
        String[] pairs = new String[more.length + 2];
        pairs[0] = key;
        pairs[1] = value;
        System.arraycopy(more, 0, pairs, 2, more.length);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                                                () -> TracingSettings.create(TestConfig.of(pairs).get("tracing"), "x"));
        assertThat(e.key(), is(key));
    }
}
