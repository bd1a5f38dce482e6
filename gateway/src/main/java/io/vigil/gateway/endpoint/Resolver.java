package io.vigil.gateway.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds the addresses of a DNS name: every A and AAAA record, in the order the resolver gives them. The system's
 * resolver is the default; tests give a resolver of their own to make endpoints come and go.
 */
@FunctionalInterface
public interface Resolver {
    /**
     * The resolver of the operating system, through the JVM's cache ({@code networkaddress.cache.ttl}, set short by
     * the gateway so that discovery sees changes).
     *
     * @return the system resolver
     */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }

    /**
     * Resolves a name.
     *
     * @param host the name
     * @return its addresses, at least one
     * @throws UnknownHostException when the name has no address or the lookup fails
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
