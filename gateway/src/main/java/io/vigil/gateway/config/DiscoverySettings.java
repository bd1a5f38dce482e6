package io.vigil.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * Where an upstream's endpoints are ({@code gateway.upstreams.<name>}): a fixed list of base URIs, or a DNS name
 * whose every A/AAAA record is an endpoint (a Kubernetes headless Service), looked up again every interval.
 *
 * @param endpoints static endpoints ({@code endpoints}: a list, or one value with comma-separated URIs); empty when
 *                  {@code dns} is set
 * @param dns       a name to resolve instead, with the scheme and port to use ({@code dns}, e.g.
 *                  {@code http://logparse-service-endpoints:8082}); when set it replaces {@code endpoints} (so a
 *                  file or variable can switch an upstream to DNS over the jar's default list)
 * @param interval  how often {@code dns} is resolved again ({@code discovery-interval}, default 5 s)
 */
public record DiscoverySettings(List<URI> endpoints, Optional<URI> dns, Duration interval) {
    private static final String EXPECTED = "http URIs without a path, such as http://localhost:8082 or "
            + "\"http://10.0.0.1:8082,http://10.0.0.2:8082\" (TLS to upstreams is not supported: it ends at the ingress)";

    /**
     * Creates the settings.
     */
    public DiscoverySettings {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Reads and validates where an upstream's endpoints are.
     *
     * @param upstream the {@code gateway.upstreams.<name>} node
     * @return validated settings
     */
    public static DiscoverySettings create(Config upstream) {
        Duration interval = ConfigValues.durationIn(upstream.get("discovery-interval"), Duration.ofSeconds(5),
                                                    Duration.ofMillis(10), Duration.ofHours(1));
        Config dns = upstream.get("dns");
        if (dns.exists() && dns.hasValue() && !dns.asString().get().isBlank()) {
            return new DiscoverySettings(List.of(), Optional.of(endpoint(dns, dns.asString().get())), interval);
        }
        return new DiscoverySettings(endpoints(upstream.get("endpoints")), Optional.empty(), interval);
    }

    /**
     * Whether the endpoints come from DNS.
     *
     * @return {@code true} when {@code dns} is set
     */
    public boolean discovered() {
        return dns.isPresent();
    }

    private static List<URI> endpoints(Config node) {
        // A value set over the list of a lower source (GATEWAY_UPSTREAMS_LOGPARSE_ENDPOINTS=... over application.yaml)
        // wins, and one value may list several, comma-separated.
        List<Config> items = node.hasValue() ? List.of(node) : node.asNodeList().orElse(List.of());
        LinkedHashSet<URI> uris = new LinkedHashSet<>();
        for (Config item : items) {
            for (String text : item.asString().orElse("").split(",")) {
                if (!text.isBlank()) {
                    uris.add(endpoint(item, text));
                }
            }
        }
        if (uris.isEmpty()) {
            throw new InvalidConfigException(node.key().toString(), "", EXPECTED + "; or set dns");
        }
        return new ArrayList<>(uris);
    }

    /** The gateway speaks plain HTTP/1.1 to upstreams inside the platform's network; paths belong in routes. */
    private static URI endpoint(Config node, String text) {
        try {
            URI uri = new URI(text.trim());
            if (plainHttp(uri)) {
                return new URI("http", null, uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), null, null, null);
            }
        } catch (URISyntaxException e) {
            // falls through to the error below
        }
        throw new InvalidConfigException(node.key().toString(), text.trim(), EXPECTED);
    }

    private static boolean plainHttp(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                && (path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }
}
