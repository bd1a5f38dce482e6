package io.vigil.gateway.endpoint;

import java.net.InetAddress;
import java.net.URI;

/**
 * Where one endpoint listens: a host name or address, and a port.
 *
 * @param host host name, IPv4 address, or IPv6 address without brackets
 * @param port port
 */
public record EndpointAddress(String host, int port) {
    /**
     * Creates an address.
     */
    public EndpointAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: '" + host + "' (expected: a host name or address)");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /**
     * The address of a base URI such as {@code http://localhost:8082}.
     *
     * @param uri an http URI with a host and a port
     * @return its address
     */
    public static EndpointAddress of(URI uri) {
        String host = uri.getHost();
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return new EndpointAddress(bracketed ? host.substring(1, host.length() - 1) : host, port);
    }

    /**
     * The address of a resolved IP address.
     *
     * @param address an address found by DNS
     * @param port    the port
     * @return its address
     */
    public static EndpointAddress of(InetAddress address, int port) {
        return new EndpointAddress(address.getHostAddress(), port);
    }

    /**
     * {@code host:port} ({@code [v6]:port} for an IPv6 address): the {@code Host} header and the {@code endpoint} tag
     * of metrics.
     *
     * @return the authority
     */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The endpoint's base URI.
     *
     * @return e.g. {@code http://127.0.0.1:8082}
     */
    public URI uri() {
        return URI.create("http://" + authority());
    }

    @Override
    public String toString() {
        return authority();
    }
}
