package io.vigil.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import io.helidon.config.Config;
import io.vigil.common.logging.LogFormat;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigValuesTest {
    private static final Config CONFIG = TestConfig.of(
            "a.int", " 8081 ",
            "a.big", "70000",
            "a.word", "abc",
            "a.duration", "pt0.5s",
            "a.negative", "-PT1S",
            "a.format", "Text",
            "a.blank", "  ",
            "a.uri", "http://logparse:8082/base",
            "a.ftp", "ftp://host/x",
            "a.section.child", "x",
            "a.size.plain", "65536",
            "a.size.gib", "1GiB",
            "a.size.kb", "2 kb",
            "a.size.mib", "64MiB",
            "a.size.huge", "99999999999999999GiB");

    @Test
    void missingKeysYieldTheDefault() {
        assertThat(ConfigValues.intIn(CONFIG.get("a.none"), 7, 0, 10), is(7));
        assertThat(ConfigValues.durationIn(CONFIG.get("a.none"), Duration.ofSeconds(3), Duration.ZERO, Duration.ofHours(1)),
                   is(Duration.ofSeconds(3)));
        assertThat(ConfigValues.oneOf(CONFIG.get("a.none"), LogFormat.JSON), is(LogFormat.JSON));
        assertThat(ConfigValues.nonBlank(CONFIG.get("a.none"), "d"), is("d"));
    }

    @Test
    void validValuesAreParsed() {
        assertThat(ConfigValues.intIn(CONFIG.get("a.int"), 0, 0, 65_535), is(8081));
        assertThat(ConfigValues.durationIn(CONFIG.get("a.duration"), Duration.ZERO, Duration.ZERO, Duration.ofHours(1)),
                   is(Duration.ofMillis(500)));
        assertThat(ConfigValues.oneOf(CONFIG.get("a.format"), LogFormat.JSON), is(LogFormat.TEXT));
        assertThat(ConfigValues.nonBlank(CONFIG.get("a.word"), "d"), is("abc"));
        assertThat(ConfigValues.httpUri(CONFIG.get("a.uri")), is(URI.create("http://logparse:8082/base")));
    }

    @Test
    void invalidValuesNameTheKeyTheValueAndWhatWasExpected() {
        assertMessage(() -> ConfigValues.intIn(CONFIG.get("a.word"), 0, 0, 65_535),
                      "invalid configuration: a.word = \"abc\" (expected: an integer 0..65535)");
        assertMessage(() -> ConfigValues.intIn(CONFIG.get("a.big"), 0, 0, 65_535),
                      "invalid configuration: a.big = \"70000\" (expected: an integer 0..65535)");
        assertMessage(() -> ConfigValues.durationIn(CONFIG.get("a.negative"), Duration.ZERO, Duration.ZERO, Duration.ofHours(1)),
                      "invalid configuration: a.negative = \"-PT1S\" (expected: an ISO-8601 duration PT0S..PT1H, such as PT5S)");
        assertMessage(() -> ConfigValues.durationIn(CONFIG.get("a.word"), Duration.ZERO, Duration.ZERO, Duration.ofHours(1)),
                      "invalid configuration: a.word = \"abc\" (expected: an ISO-8601 duration PT0S..PT1H, such as PT5S)");
        assertMessage(() -> ConfigValues.oneOf(CONFIG.get("a.word"), LogFormat.JSON),
                      "invalid configuration: a.word = \"abc\" (expected: one of json, text)");
        assertMessage(() -> ConfigValues.nonBlank(CONFIG.get("a.blank"), "d"),
                      "invalid configuration: a.blank = \"  \" (expected: a non-empty text)");
        assertMessage(() -> ConfigValues.httpUri(CONFIG.get("a.ftp")),
                      "invalid configuration: a.ftp = \"ftp://host/x\" (expected: an absolute http(s) URI such as "
                              + "http://localhost:8082)");
        assertMessage(() -> ConfigValues.intIn(CONFIG.get("a.section"), 0, 0, 1),
                      "invalid configuration: a.section = \"<a section>\" (expected: a single value)");
    }

    @Test
    void sizesTakeBinaryAndDecimalUnits() {
        long max = Long.MAX_VALUE;
        assertThat(ConfigValues.bytesIn(CONFIG.get("a.size.plain"), 0, 0, max), is(65_536L));
        assertThat(ConfigValues.bytesIn(CONFIG.get("a.size.gib"), 0, 0, max), is(1L << 30));
        assertThat(ConfigValues.bytesIn(CONFIG.get("a.size.kb"), 0, 0, max), is(2_000L));
        assertThat(ConfigValues.bytesIn(CONFIG.get("a.size.mib"), 0, 0, max), is(64L << 20));
        assertThat(ConfigValues.bytesIn(CONFIG.get("a.none"), 7, 0, max), is(7L));
        assertMessage(() -> ConfigValues.bytesIn(CONFIG.get("a.size.gib"), 0, 0, 1024),
                      "invalid configuration: a.size.gib = \"1GiB\" (expected: a size 0..1024 bytes, such as 65536, 64KiB"
                              + " or 1GiB)");
        assertMessage(() -> ConfigValues.bytesIn(CONFIG.get("a.size.huge"), 0, 0, max),
                      "invalid configuration: a.size.huge = \"99999999999999999GiB\" (expected: a size 0.."
                              + max + " bytes, such as 65536, 64KiB or 1GiB)");
        assertMessage(() -> ConfigValues.bytesIn(CONFIG.get("a.word"), 0, 0, max),
                      "invalid configuration: a.word = \"abc\" (expected: a size 0.." + max
                              + " bytes, such as 65536, 64KiB or 1GiB)");
    }

    @Test
    void aRequiredUriMustBePresent() {
        InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                                                      () -> ConfigValues.httpUri(CONFIG.get("a.none")));
        assertThat(missing.key(), is("a.none"));
    }

    @Test
    void aRequiredValueMustBePresentNotBlankAndNotASection() {
        assertThat(ConfigValues.required(CONFIG.get("a.word"), "a word"), is("abc"));
        assertMessage(() -> ConfigValues.required(CONFIG.get("a.none"), "a word"),
                      "invalid configuration: a.none = \"\" (expected: a word; the key is required)");
        assertMessage(() -> ConfigValues.required(CONFIG.get("a.blank"), "a word"),
                      "invalid configuration: a.blank = \"  \" (expected: a word)");
        assertMessage(() -> ConfigValues.required(CONFIG.get("a.section"), "a word"),
                      "invalid configuration: a.section = \"<a section>\" (expected: a word)");
    }

    @Test
    void aSectionWithAKeyItDoesNotKnowIsAnError() {
        ConfigValues.onlyKnown(CONFIG.get("a.section"), Set.of("child", "other"));
        assertMessage(() -> ConfigValues.onlyKnown(CONFIG.get("a.section"), Set.of("other", "another")),
                      "invalid configuration: a.section.child = \"x\" (expected: a known key: another, other)");
        Set<String> allButSection = Set.of("int", "big", "word", "duration", "negative", "format", "blank", "uri", "ftp",
                                           "size");
        assertMessage(() -> ConfigValues.onlyKnown(CONFIG.get("a"), allButSection),
                      "invalid configuration: a.section = \"<a section>\" (expected: a known key: big, blank, duration, "
                              + "format, ftp, int, negative, size, uri, word)");
    }

    private static void assertMessage(Runnable read, String message) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, read::run);
        assertThat(e.getMessage(), is(message));
    }
}
