package io.vigil.health.probe;

import java.time.Duration;
import java.util.Set;

import io.helidon.config.Config;

/**
 * The kinds of checks: the {@code type} of a configured check, the keys that kind has beside the common
 * ones, and how its probe is made.
 */
public enum CheckType {
    /** An HTTP GET: status range, optional body text or JSON condition, response time. */
    HTTP(HttpProbe::create, "url", "expect-status", "expect-body", "expect-json", "warn-above"),
    /** A TCP connect: connect time. */
    TCP(TcpProbe::create, "host", "port", "warn-above"),
    /** A name lookup: lookup time. */
    DNS(DnsProbe::create, "host", "warn-above"),
    /** Free space on a file system. */
    DISK(DiskProbe::create, "path", "min-free"),
    /** Heap use of this JVM. */
    HEAP(HeapProbe::create, "max-used-ratio");

    private final ProbeFactory factory;
    private final Set<String> keys;

    CheckType(ProbeFactory factory, String... keys) {
        this.factory = factory;
        this.keys = Set.of(keys);
    }

    /**
     * The keys a check of this type has beside the common ones.
     *
     * @return key names
     */
    public Set<String> keys() {
        return keys;
    }

    /**
     * Makes the probe of a check of this type.
     *
     * @param node    the check's configuration
     * @param timeout the check's timeout
     * @return the probe
     * @throws io.vigil.common.config.InvalidConfigException when a key of this type is missing or invalid
     */
    public Probe probe(Config node, Duration timeout) {
        return factory.create(node, timeout);
    }

    @FunctionalInterface
    private interface ProbeFactory {
        Probe create(Config node, Duration timeout);
    }
}
