package io.vigil.common.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * The {@code tracing} section: whether the service traces, where spans go (Jaeger's collector, gRPC) and how they
 * are sampled, batched and propagated. Export runs on a background thread with a bounded queue, so a slow or
 * unreachable collector costs spans, never requests.
 *
 * @param enabled        whether to trace at all ({@code tracing.enabled}, default {@code false}; {@code TRACING_ENABLED})
 * @param service        service name shown in Jaeger ({@code tracing.service}, default the service's own name)
 * @param protocol       {@code http} (plain gRPC) or {@code https} ({@code tracing.protocol}, default {@code http})
 * @param host           collector host ({@code tracing.host}, default {@code localhost})
 * @param port           collector gRPC port ({@code tracing.port}, default 14250)
 * @param sampler        {@code const} or {@code ratio} ({@code tracing.sampler-type}, default {@code const})
 * @param samplerParam   {@code const}: 1 samples every trace, 0 none; {@code ratio}: the share 0..1 of traces kept
 *                       ({@code tracing.sampler-param}, default 1)
 * @param propagation    header formats read and written, the first one winning when a request carries several
 *                       ({@code tracing.propagation}, default {@code [w3c, jaeger]})
 * @param exporterTimeout longest one export to the collector may take ({@code tracing.exporter-timeout}, default 2 s)
 * @param scheduleDelay  how often queued spans are sent ({@code tracing.schedule-delay}, default 1 s)
 * @param maxQueueSize   spans waiting for export; more are dropped ({@code tracing.max-queue-size}, default 2048)
 * @param maxExportBatchSize spans per export ({@code tracing.max-export-batch-size}, default 512, at most the queue)
 */
public record TracingSettings(boolean enabled, String service, String protocol, String host, int port, Sampler sampler,
                              double samplerParam, List<Propagation> propagation, Duration exporterTimeout,
                              Duration scheduleDelay, int maxQueueSize, int maxExportBatchSize) {
    /** Jaeger's gRPC collector port. */
    public static final int DEFAULT_PORT = 14250;

    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final String PROPAGATIONS = "w3c, jaeger, b3 or b3-single, or a list of them";

    /** How traces are chosen for recording. */
    public enum Sampler {
        /** The same decision for every trace: {@code sampler-param} 1 keeps all, 0 none. */
        CONST,
        /** A share of traces, decided from the trace id so every service keeps the same traces. */
        RATIO
    }

    /**
     * Creates settings.
     */
    public TracingSettings {
        propagation = List.copyOf(propagation);
    }

    /**
     * Reads and validates the {@code tracing} section.
     *
     * @param tracing        the {@code tracing} configuration node
     * @param defaultService service name when {@code tracing.service} is not set
     * @return validated settings
     * @throws InvalidConfigException naming the first invalid key
     */
    public static TracingSettings create(Config tracing, String defaultService) {
        Sampler sampler = ConfigValues.oneOf(tracing.get("sampler-type"), Sampler.CONST);
        int maxQueueSize = ConfigValues.intIn(tracing.get("max-queue-size"), 2048, 1, 1_000_000);
        return new TracingSettings(
                ConfigValues.oneOf(tracing.get("enabled"), false, TracingSettings::bool, "true or false"),
                ConfigValues.nonBlank(tracing.get("service"), defaultService),
                ConfigValues.oneOf(tracing.get("protocol"), "http", TracingSettings::protocol, "http or https"),
                ConfigValues.nonBlank(tracing.get("host"), "localhost"),
                ConfigValues.intIn(tracing.get("port"), DEFAULT_PORT, 1, 65_535),
                sampler,
                samplerParam(tracing.get("sampler-param"), sampler),
                propagation(tracing.get("propagation")),
                ConfigValues.durationIn(tracing.get("exporter-timeout"), Duration.ofSeconds(2), Duration.ofMillis(1), MAX_DELAY),
                ConfigValues.durationIn(tracing.get("schedule-delay"), Duration.ofSeconds(1), Duration.ofMillis(1), MAX_DELAY),
                maxQueueSize,
                ConfigValues.intIn(tracing.get("max-export-batch-size"), Math.min(512, maxQueueSize), 1, maxQueueSize));
    }

    /**
     * Whether {@code tracing.enabled} is set to true, without validating the rest of the section.
     *
     * @param config the whole configuration
     * @return {@code true} when the service traces
     */
    public static boolean enabled(Config config) {
        return ConfigValues.oneOf(config.get("tracing.enabled"), false, TracingSettings::bool, "true or false");
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String protocol(String text) {
        String protocol = text.trim().toLowerCase(Locale.ROOT);
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw new IllegalArgumentException(text);
        }
        return protocol;
    }

    private static double samplerParam(Config node, Sampler sampler) {
        String expected = sampler == Sampler.CONST ? "0 or 1 for sampler-type const" : "a number 0..1 for sampler-type ratio";
        return ConfigValues.oneOf(node, 1.0, text -> {
            double value = Double.parseDouble(text.trim());
            boolean valid = sampler == Sampler.CONST ? value == 0 || value == 1 : value >= 0 && value <= 1;
            if (!valid) {
                throw new IllegalArgumentException(text);
            }
            return value;
        }, expected);
    }

    private static List<Propagation> propagation(Config node) {
        if (!node.exists()) {
            return List.of(Propagation.W3C, Propagation.JAEGER);
        }
        // A value set over the list of a lower source (TRACING_PROPAGATION=jaeger over application.yaml) wins.
        List<Config> items = node.hasValue() ? List.of(node) : node.asNodeList().orElse(List.of());
        LinkedHashSet<Propagation> formats = new LinkedHashSet<>();
        for (Config item : items) {
            String text = item.asString().orElse("");
            // One value may also list several, comma-separated: TRACING_PROPAGATION=w3c,jaeger
            for (String name : text.split(",")) {
                try {
                    formats.add(Propagation.valueOf(name.trim().replace('-', '_').toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigException(item.key().toString(), text, PROPAGATIONS);
                }
            }
        }
        if (formats.isEmpty()) {
            throw new InvalidConfigException(node.key().toString(), "", PROPAGATIONS);
        }
        return new ArrayList<>(formats);
    }
}
