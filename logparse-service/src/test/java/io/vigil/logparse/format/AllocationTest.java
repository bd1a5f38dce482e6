package io.vigil.logparse.format;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

/**
 * The per-line path allocates nothing once warm: measured with the thread's allocation counter, not timed.
 */
class AllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"common", "combined", "nginx-error", "apache-error", "syslog-rfc3164", "syslog-rfc5424",
        "logfmt", "json", "log4j", "python", "klog", "logcat", "text"})
    void parsingAWarmLineAllocatesNothing(String name) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LineFormat format = FormatTesting.format(name);
        byte[] line = FormatTesting.utf8(format.sample());
        ParsedLine out = new ParsedLine();
        for (int i = 0; i < 20_000; i++) {
            format.parse(line, 0, line.length, out);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            format.parse(line, 0, line.length, out);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // a few hundred bytes of slack for the measurement itself; one allocation per line would be >= 320,000
        assertThat(name, allocated, lessThan(4_096L));
    }
}
