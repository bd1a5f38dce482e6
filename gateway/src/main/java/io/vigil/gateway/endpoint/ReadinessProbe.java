package io.vigil.gateway.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.gateway.config.ProbeSettings;

/**
 * The active readiness probe of an upstream's endpoints: every interval, a {@code GET} of each endpoint's readiness
 * path with Helidon's WebClient (a bodiless request needs none of the proxy's full duplex), all endpoints at once on
 * virtual threads. A 2xx keeps or brings an endpoint into rotation; any other answer (a draining endpoint's 503) or
 * none takes it out, before a draining endpoint starts refusing connections. The proxy asks for an early probe when an
 * endpoint answers with {@code Connection: close}, which is how a draining Vigil service answers.
 */
public final class ReadinessProbe implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(ReadinessProbe.class.getName());

    private final String upstream;
    private final ProbeSettings settings;
    private final Supplier<List<Endpoint>> endpoints;
    private final WebClient client;
    private final Set<Endpoint> probing = ConcurrentHashMap.newKeySet();
    private volatile Thread loop;

    ReadinessProbe(String upstream, ProbeSettings settings, Supplier<List<Endpoint>> endpoints) {
        this.upstream = upstream;
        this.settings = settings;
        this.endpoints = endpoints;
        this.client = WebClient.builder()
                .servicesDiscoverServices(false)
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .followRedirects(false)
                // A connection per probe: nothing lingers in a cache after the gateway stops, and a refused connection
                // is seen at once.
                .keepAlive(false)
                .shareConnectionCache(false)
                .build();
    }

    /**
     * Probes one endpoint now and records what it found.
     *
     * @param endpoint the endpoint
     * @return what the probe found
     */
    public Readiness probe(Endpoint endpoint) {
        long start = System.nanoTime();
        Readiness found;
        try (HttpClientResponse response = client.get()
                .uri(endpoint.address().uri().resolve(settings.path()))
                .header(HeaderNames.ACCEPT, "application/json")
                .request()) {
            int status = response.status().code();
            boolean ready = status >= 200 && status < 300;
            found = new Readiness(ready ? Readiness.State.READY : Readiness.State.NOT_READY, status,
                                  ready ? "" : "readiness probe answered HTTP " + status, elapsed(start), System.nanoTime());
        } catch (RuntimeException e) {
            String reason = e.getCause() == null || e.getMessage() != null && !e.getMessage().isBlank()
                    ? String.valueOf(e.getMessage()) : e.getCause().toString();
            found = new Readiness(Readiness.State.UNREACHABLE, 0, "readiness probe failed: " + reason, elapsed(start),
                                  System.nanoTime());
        }
        Readiness before = endpoint.readiness();
        endpoint.readiness(found);
        if (before.ready() != found.ready()) {
            Readiness now = found;
            LOGGER.log(System.Logger.Level.INFO, () -> "Endpoint " + endpoint.address() + " of upstream '" + upstream + "' "
                    + (now.ready() ? "is ready: in rotation" : "is out of rotation: " + now.detail()));
        }
        return found;
    }

    /**
     * Probes an endpoint soon, on a virtual thread, unless a probe of it is already running.
     *
     * @param endpoint an endpoint that looks as if it were going away
     */
    public void probeSoon(Endpoint endpoint) {
        if (probing.add(endpoint)) {
            Thread.ofVirtual().name("gateway-probe-" + upstream).start(() -> {
                try {
                    probe(endpoint);
                } finally {
                    probing.remove(endpoint);
                }
            });
        }
    }

    void start() {
        loop = Thread.ofVirtual().name("gateway-probes-" + upstream).start(this::run);
    }

    @Override
    public void close() {
        Thread running = loop;
        if (running != null) {
            running.interrupt();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            for (Endpoint endpoint : endpoints.get()) {
                probeSoon(endpoint);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(settings.interval().toNanos());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
