package io.vigil.gateway;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.tracing.SpanContext;
import io.vigil.common.health.HealthStatus;
import io.vigil.common.Result;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * The platform's health as one {@code application/health+json} document (draft-inadarei-api-health-check): the
 * gateway's own view of each upstream (readiness probe and its latency, circuit breaker state) and the report
 * of health-service ({@code GET /v1/checks}), whose checks are merged in. Probes and the report are fetched in
 * parallel, each within {@code gateway.health.probe-timeout}; probe results are reused for
 * {@code gateway.health.cache-for}. An upstream that fails makes the platform fail if it is critical, else warn;
 * an unavailable report is a warning.
 */
final class PlatformHealth {
    /** Where health-service serves its report. */
    static final String REPORT_PATH = "/v1/checks";

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final List<UpstreamProxy> upstreams;
    private final UpstreamSettings reporter;
    private final HealthSettings settings;
    private final UpstreamTracing tracing;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    PlatformHealth(List<UpstreamProxy> upstreams, UpstreamSettings reporter, HealthSettings settings, UpstreamTracing tracing) {
        this.upstreams = List.copyOf(upstreams);
        this.reporter = reporter;
        this.settings = settings;
        this.tracing = tracing;
    }

    /**
     * The document and its overall status.
     *
     * @param status   worst status of all checks
     * @param document the health+json document
     */
    record Report(HealthStatus status, JsonObject document) {
    }

    /** A cached probe result. */
    private record Probe(Result<UpstreamCheck.Answer> result, long atNanos) {
    }

    /**
     * Assesses the platform now.
     *
     * @param requestId the request's id, forwarded on probes
     * @param parent    the request's span, parent of the probes' client spans
     * @return the report
     */
    Report assess(String requestId, Optional<SpanContext> parent) {
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Result<UpstreamCheck.Answer>> report = parallel.submit(
                    () -> UpstreamCheck.get(reporter, REPORT_PATH, requestId, settings.probeTimeout(), tracing, parent));
            Map<String, Future<Result<UpstreamCheck.Answer>>> readiness = new LinkedHashMap<>();
            for (UpstreamProxy upstream : upstreams) {
                readiness.put(upstream.settings().name(), parallel.submit(() -> probe(upstream.settings(), requestId, parent)));
            }
            String now = Instant.now().toString();
            Map<String, JsonValue> checks = new LinkedHashMap<>();
            HealthStatus overall = HealthStatus.PASS;
            for (UpstreamProxy upstream : upstreams) {
                overall = overall.worse(upstream(checks, upstream, join(readiness.get(upstream.settings().name())), now));
            }
            overall = overall.worse(report(checks, join(report), now));
            JsonObjectBuilder checksJson = JSON.createObjectBuilder();
            checks.forEach(checksJson::add);
            JsonObject document = JSON.createObjectBuilder()
                    .add("status", overall.text())
                    .add("serviceId", "vigil-gateway")
                    .add("description", "Vigil platform health: the gateway's view of each upstream and the health-service "
                            + "report")
                    .add("checks", checksJson)
                    .build();
            return new Report(overall, document);
        }
    }

    private Result<UpstreamCheck.Answer> probe(UpstreamSettings upstream, String requestId, Optional<SpanContext> parent) {
        long now = System.nanoTime();
        Probe cached = probes.get(upstream.name());
        if (cached != null && now - cached.atNanos() < settings.cacheFor().toNanos()) {
            return cached.result();
        }
        Result<UpstreamCheck.Answer> result = UpstreamCheck.get(upstream, settings.probePath(), requestId,
                                                                settings.probeTimeout(), tracing, parent);
        probes.put(upstream.name(), new Probe(result, System.nanoTime()));
        return result;
    }

    private static HealthStatus upstream(Map<String, JsonValue> checks, UpstreamProxy upstream,
                                         Result<UpstreamCheck.Answer> readiness, String now) {
        UpstreamSettings settings = upstream.settings();
        HealthStatus failed = settings.critical() ? HealthStatus.FAIL : HealthStatus.WARN;
        JsonObjectBuilder probe = component(settings.name(), now);
        HealthStatus ready = switch (readiness) {
            case Result.Ok<UpstreamCheck.Answer> ok -> {
                probe.add("observedValue", ok.value().elapsed().toMillis()).add("observedUnit", "ms");
                boolean up = ok.value().status() >= 200 && ok.value().status() < 300;
                if (!up) {
                    probe.add("output", "readiness probe answered HTTP " + ok.value().status());
                }
                yield up ? HealthStatus.PASS : failed;
            }
            case Result.Err<UpstreamCheck.Answer> err -> {
                probe.add("output", "readiness probe failed: " + err.reason());
                yield failed;
            }
        };
        checks.put(settings.name() + ":readiness", JSON.createArrayBuilder().add(probe.add("status", ready.text())).build());
        CircuitBreaker.State state = upstream.resilience().breaker().state();
        HealthStatus circuit = switch (state) {
            case CLOSED -> HealthStatus.PASS;
            case HALF_OPEN -> HealthStatus.WARN;
            case OPEN -> failed;
        };
        checks.put(settings.name() + ":circuitBreaker", JSON.createArrayBuilder().add(
                component(settings.name(), now)
                        .add("observedValue", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .add("status", circuit.text())).build());
        return ready.worse(circuit);
    }

    /** Adds health-service's own report; its checks are merged in where their keys are not the gateway's. */
    private static HealthStatus report(Map<String, JsonValue> checks, Result<UpstreamCheck.Answer> answer, String now) {
        JsonObjectBuilder entry = JSON.createObjectBuilder()
                .add("componentId", "health-service")
                .add("componentType", "system")
                .add("time", now);
        HealthStatus result = switch (answer.flatMap(PlatformHealth::parse)) {
            case Result.Ok<JsonObject> ok -> {
                Optional<HealthStatus> status = HealthStatus.parse(ok.value().getString("status", null));
                if (ok.value().get("checks") instanceof JsonObject reported) {
                    reported.forEach(checks::putIfAbsent);
                }
                entry.add("output", status.map(it -> "health-service reports " + it.text())
                        .orElse("health-service report has no valid status"));
                yield status.orElse(HealthStatus.WARN);
            }
            case Result.Err<JsonObject> err -> {
                entry.add("output", "health-service report unavailable: " + err.reason());
                yield HealthStatus.WARN;
            }
        };
        checks.put("health-service:report", JSON.createArrayBuilder().add(entry.add("status", result.text())).build());
        return result;
    }

    private static Result<JsonObject> parse(UpstreamCheck.Answer answer) {
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return Result.ok(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Result.err("HTTP " + answer.status() + " without a health+json document");
        }
    }

    private static JsonObjectBuilder component(String name, String now) {
        return JSON.createObjectBuilder().add("componentId", name).add("componentType", "component").add("time", now);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while assessing health", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("assessing health failed", e.getCause());
        }
    }
}
