package io.vigil.health.probe;

/**
 * One kind of look at a dependency (an HTTP request, a TCP connect, a DNS lookup, free disk space, heap
 * use) and what it measures. Probes block; each runs on its own virtual thread.
 */
public interface Probe {
    /**
     * What the probe measures, for the {@code "name:measurement"} key and {@code observedUnit}.
     *
     * @return the measurement
     */
    Measurement measurement();

    /**
     * Looks at the dependency once. Probes that do I/O give their sockets the check's timeout, so that a
     * probe the check has given up on still ends by itself.
     *
     * @return the reading, failed when the dependency is not as expected
     * @throws Exception when the dependency cannot be looked at; the check fails with its message
     */
    Reading read() throws Exception;

    /**
     * Whole milliseconds since a {@link System#nanoTime()} reading, for response times.
     *
     * @param startNanos when the probe started
     * @return elapsed milliseconds
     */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
