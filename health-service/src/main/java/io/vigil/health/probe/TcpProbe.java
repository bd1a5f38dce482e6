package io.vigil.health.probe;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * A TCP connect to a host and port; measures how long the connection took to open.
 */
final class TcpProbe implements Probe {
    private final String host;
    private final int port;
    private final int timeoutMillis;

    private TcpProbe(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /**
     * Reads a tcp check: {@code host} and {@code port}, both required.
     *
     * @param node    the check's configuration
     * @param timeout the check's timeout, used as the connect timeout
     * @return the probe
     */
    static TcpProbe create(Config node, Duration timeout) {
        String host = ConfigValues.required(node.get("host"), "a host name or address");
        ConfigValues.required(node.get("port"), "a port 1..65535");
        return new TcpProbe(host, ConfigValues.intIn(node.get("port"), 0, 1, 65_535), timeout);
    }

    @Override
    public Measurement measurement() {
        return Measurement.RESPONSE_TIME;
    }

    @Override
    public Reading read() throws Exception {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        }
        return Reading.ok(Probe.millisSince(start));
    }
}
