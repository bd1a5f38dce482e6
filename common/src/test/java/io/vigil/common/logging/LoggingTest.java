package io.vigil.common.logging;

import java.util.logging.Handler;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoggingTest {
    @Test
    void settingsComeFromTheLogSection() {
        Config config = TestConfig.of("log.format", "text", "log.level", "debug");

        assertThat(LogSettings.create(config.get("log")), is(new LogSettings(LogFormat.TEXT, LogLevel.DEBUG)));
        assertThat(LogSettings.create(TestConfig.of().get("log")), is(LogSettings.DEFAULTS));
    }

    @Test
    void anUnknownLevelIsAConfigurationError() {
        Config config = TestConfig.of("log.level", "loud");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LogSettings.create(config.get("log")));
        assertThat(e.getMessage(), is("invalid configuration: log.level = \"loud\" "
                + "(expected: one of error, warn, info, debug, trace)"));
    }

    @Test
    void configureInstallsOneStdoutHandlerWithTheChosenFormatter() {
        Logger root = Logger.getLogger("");
        Handler[] before = root.getHandlers();
        java.util.logging.Level level = root.getLevel();
        try {
            Logging.configure(new LogSettings(LogFormat.TEXT, LogLevel.WARN));

            assertThat(root.getHandlers().length, is(1));
            assertThat(root.getHandlers()[0].getFormatter(), instanceOf(TextLogFormatter.class));
            assertThat(root.getLevel(), is(java.util.logging.Level.WARNING));

            Logging.configure(LogSettings.DEFAULTS);
            assertThat(root.getHandlers()[0].getFormatter(), instanceOf(JsonLogFormatter.class));
        } finally {
            java.util.logging.LogManager.getLogManager().reset();
            for (Handler handler : before) {
                root.addHandler(handler);
            }
            root.setLevel(level);
        }
    }
}
