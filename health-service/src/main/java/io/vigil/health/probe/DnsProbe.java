package io.vigil.health.probe;

import java.net.InetAddress;
import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * A name lookup through the system's resolver; measures how long it took. The JVM caches answers
 * ({@code networkaddress.cache.ttl}), so this checks that the name resolves, not the resolver's speed.
 */
final class DnsProbe implements Probe {
    private final String host;

    private DnsProbe(String host) {
        this.host = host;
    }

    /**
     * Reads a dns check: {@code host} (required).
     *
     * @param node    the check's configuration
     * @param timeout unused: a lookup cannot be given a timeout; the check abandons it instead
     * @return the probe
     */
    static DnsProbe create(Config node, Duration timeout) {
        return new DnsProbe(ConfigValues.required(node.get("host"), "a host name"));
    }

    @Override
    public Measurement measurement() {
        return Measurement.RESOLVE_TIME;
    }

    @Override
    public Reading read() throws Exception {
        long start = System.nanoTime();
        InetAddress.getAllByName(host);
        return Reading.ok(Probe.millisSince(start));
    }
}
