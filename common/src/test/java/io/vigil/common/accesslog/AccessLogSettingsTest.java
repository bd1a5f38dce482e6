package io.vigil.common.accesslog;

import java.util.List;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code access-log} section: defaults, every key, lists from YAML or one comma-separated variable, errors. */
class AccessLogSettingsTest {
    @Test
    void defaultsAreJsonOnStdoutWithoutProbesOrQueries() {
        AccessLogSettings settings = AccessLogSettings.create(Config.empty().get("access-log"));
        assertThat(settings, is(AccessLogSettings.DEFAULTS));
        assertThat(settings.stdout(), is(true));
        assertThat(settings.excludePaths(), is(List.of("/observe")));
    }

    @Test
    void readsEveryKey() {
        AccessLogSettings settings = AccessLogSettings.create(TestConfig.of(
                "access-log.format", "combined", "access-log.output", "target/run/gateway.access.log",
                "access-log.max-file-size", "10MiB", "access-log.max-files", "3", "access-log.queue-size", "100",
                "access-log.include-query", "true", "access-log.exclude-paths", "/observe, /openapi/").get("access-log"));
        assertThat(settings, is(new AccessLogSettings(AccessLogFormat.COMBINED, "target/run/gateway.access.log", 10L << 20,
                                                      3, 100, true, List.of("/observe", "/openapi"))));
        assertThat(settings.stdout(), is(false));
    }

    @Test
    void aYamlListOfPathsOrAnEmptyValueThatLogsEverything() {
        Config yaml = Config.just(ConfigSources.create("access-log:\n  exclude-paths: [/observe/health, /x]\n",
                                                       MediaTypes.create("application/x-yaml")));
        assertThat(AccessLogSettings.create(yaml.get("access-log")).excludePaths(), is(List.of("/observe/health", "/x")));
        assertThat(AccessLogSettings.create(TestConfig.of("access-log.exclude-paths", "").get("access-log")).excludePaths(),
                   empty());
    }

    @Test
    void anUnquotedOffInYamlIsOff() {
        Config yaml = Config.just(ConfigSources.create("access-log:\n  format: off\n", MediaTypes.create("application/x-yaml")));
        assertThat(AccessLogSettings.create(yaml.get("access-log")).format(), is(AccessLogFormat.OFF));
        assertThat(AccessLogSettings.create(TestConfig.of("access-log.format", "OFF").get("access-log")).format(),
                   is(AccessLogFormat.OFF));
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThat(invalid("access-log.format", "xml"), containsString("access-log.format"));
        assertThat(invalid("access-log.max-files", "0"), containsString("access-log.max-files"));
        assertThat(invalid("access-log.queue-size", "lots"), containsString("access-log.queue-size"));
        assertThat(invalid("access-log.max-file-size", "1"), containsString("access-log.max-file-size"));
        assertThat(invalid("access-log.include-query", "yes"), containsString("access-log.include-query"));
        assertThat(invalid("access-log.exclude-paths", "observe"), containsString("access-log.exclude-paths"));
        assertThat(invalid("access-log.fromat", "json"), containsString("access-log.fromat"));
        assertThat(invalid("access-log.output", " "), containsString("access-log.output"));
    }

    private static String invalid(String key, String value) {
        return assertThrows(InvalidConfigException.class,
                            () -> AccessLogSettings.create(TestConfig.of(key, value).get("access-log"))).getMessage();
    }
}
