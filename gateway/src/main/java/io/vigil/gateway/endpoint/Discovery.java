package io.vigil.gateway.endpoint;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vigil.gateway.config.DiscoverySettings;

/**
 * Finds an upstream's endpoints: the configured list once, or every A/AAAA record of a DNS name, resolved at start and
 * again every interval (a Kubernetes headless Service lists one record per ready pod). A lookup that fails keeps the
 * endpoints found before, so a DNS hiccup never empties an upstream.
 */
final class Discovery implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(Discovery.class.getName());

    private final String upstream;
    private final DiscoverySettings settings;
    private final Resolver resolver;
    private final Consumer<Set<EndpointAddress>> found;
    private volatile Thread loop;
    private volatile String lastFailure;

    Discovery(String upstream, DiscoverySettings settings, Resolver resolver, Consumer<Set<EndpointAddress>> found) {
        this.upstream = upstream;
        this.settings = settings;
        this.resolver = resolver;
        this.found = found;
    }

    /** Finds the endpoints now and, for a DNS name, keeps looking every interval. */
    void start() {
        if (settings.dns().isEmpty()) {
            Set<EndpointAddress> addresses = new LinkedHashSet<>();
            settings.endpoints().forEach(uri -> addresses.add(EndpointAddress.of(uri)));
            found.accept(addresses);
            return;
        }
        resolve();
        loop = Thread.ofVirtual().name("gateway-discovery-" + upstream).start(this::run);
    }

    @Override
    public void close() {
        Thread running = loop;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Resolves the name once; the set of endpoints changes only when the lookup succeeds. */
    void resolve() {
        URI dns = settings.dns().orElseThrow();
        try {
            List<InetAddress> addresses = resolver.resolve(dns.getHost());
            Set<EndpointAddress> endpoints = new LinkedHashSet<>();
            for (InetAddress address : addresses) {
                endpoints.add(EndpointAddress.of(address, dns.getPort()));
            }
            if (endpoints.isEmpty()) {
                throw new UnknownHostException(dns.getHost() + " has no address");
            }
            found.accept(endpoints);
            if (lastFailure != null) {
                lastFailure = null;
                LOGGER.log(Level.INFO, () -> "Upstream '" + upstream + "': " + dns.getHost() + " resolves again to "
                        + new ArrayList<>(endpoints));
            }
        } catch (UnknownHostException | RuntimeException e) {
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastFailure)) {
                lastFailure = failure;
                LOGGER.log(Level.WARNING, () -> "Upstream '" + upstream + "': resolving " + dns.getHost() + " failed ("
                        + failure + "); keeping the endpoints found before");
            }
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.NANOSECONDS.sleep(settings.interval().toNanos());
            } catch (InterruptedException e) {
                return;
            }
            resolve();
        }
    }
}
