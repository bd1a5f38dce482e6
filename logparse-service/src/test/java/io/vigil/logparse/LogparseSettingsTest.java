package io.vigil.logparse;

import io.vigil.common.testing.TestConfig;
import io.vigil.logparse.format.CustomFormat;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogparseSettingsTest {
    @Test
    void customFormatsAreReadFromTheFormatsSection() {
        LogparseSettings settings = LogparseSettings.create(
                TestConfig.of("logparse.formats.edge", "nginx:$remote_addr $status $request_time",
                              "logparse.formats.legacy", "apache:%h %t \\\"%r\\\" %>s %D").get("logparse"));
        assertThat(settings.formats().stream().map(CustomFormat::name).sorted().toList(),
                   is(java.util.List.of("edge", "legacy")));
        assertThat(LogparseSettings.create(TestConfig.of().get("logparse")).formats().isEmpty(), is(true));
    }

    @Test
    void aWrongFormatStopsTheStartNamingTheKeyAndThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogparseSettings.create(
                TestConfig.of("logparse.formats.edge", "nginx:$remote_addr$status").get("logparse")));
        assertThat(e.getMessage(), containsString("logparse.formats.edge: nginx log_format, position 13"));
        e = assertThrows(IllegalArgumentException.class, () -> LogparseSettings.create(
                TestConfig.of("logparse.formats.combined", "nginx:$status").get("logparse")));
        assertThat(e.getMessage(), containsString("format name combined"));
    }
}
