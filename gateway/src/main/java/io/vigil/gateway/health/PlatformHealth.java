package io.vigil.gateway.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.HeaderNames;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.Result;
import io.vigil.common.health.HealthStatus;
import io.vigil.gateway.config.HealthSettings;
import io.vigil.gateway.config.UpstreamSettings;
import io.vigil.gateway.endpoint.Endpoint;
import io.vigil.gateway.endpoint.EndpointGroup;
import io.vigil.gateway.endpoint.EndpointMetrics;
import io.vigil.gateway.endpoint.Readiness;
import io.vigil.gateway.proxy.UpstreamTracing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * The platform's health as one {@code application/health+json} document (draft-inadarei-api-health-check): the
 * gateway's own view of each upstream, one entry per endpoint (its address, readiness from its probe with the probe's
 * latency, whether outlier ejection has it out, its circuit breaker state), and the report of health-service
 * ({@code GET /v1/checks}), whose checks are merged in. Probe results younger than {@code gateway.health.cache-for}
 * are used as they are (the background probes keep them so); older ones are refreshed, in parallel with fetching the
 * report within {@code gateway.health.report-timeout}. An endpoint that is out while others of its upstream serve is a
 * warning; an upstream with none left fails the platform if it is critical, else warns; an unavailable report warns.
 */
public final class PlatformHealth {
    /** Where health-service serves its report. */
    static final String REPORT_PATH = "/v1/checks";

    private static final int MAX_REPORT = 1 << 20;
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final List<EndpointGroup> upstreams;
    private final EndpointGroup reporter;
    private final HealthSettings settings;
    private final UpstreamTracing tracing;
    private final WebClient client;

    /**
     * Creates the assessment.
     *
     * @param upstreams every upstream's endpoints
     * @param reporter  health-service's endpoints
     * @param settings  how health is assessed
     * @param tracing   client spans, when the gateway traces
     */
    public PlatformHealth(List<EndpointGroup> upstreams, EndpointGroup reporter, HealthSettings settings,
                          UpstreamTracing tracing) {
        this.upstreams = List.copyOf(upstreams);
        this.reporter = reporter;
        this.settings = settings;
        this.tracing = tracing;
        this.client = WebClient.builder()
                .servicesDiscoverServices(false)
                .connectTimeout(settings.reportTimeout())
                .readTimeout(settings.reportTimeout())
                .followRedirects(false)
                .keepAlive(false)
                .shareConnectionCache(false)
                .build();
    }

    /**
     * The document and its overall status.
     *
     * @param status   worst status of all checks
     * @param document the health+json document
     */
    record Report(HealthStatus status, JsonObject document) {
    }

    /** What health-service answered. */
    private record Answer(int status, String body) {
    }

    /**
     * Assesses the platform now.
     *
     * @param requestId the request's id, forwarded to health-service
     * @param parent    the request's span, parent of the report's client span
     * @return the report
     */
    Report assess(String requestId, Optional<SpanContext> parent) {
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Result<Answer>> report = parallel.submit(() -> report(requestId, parent));
            Map<Endpoint, Future<Readiness>> readiness = new LinkedHashMap<>();
            long now = System.nanoTime();
            for (EndpointGroup upstream : upstreams) {
                for (Endpoint endpoint : upstream.endpoints()) {
                    Readiness known = endpoint.readiness();
                    boolean fresh = known.state() != Readiness.State.UNKNOWN
                            && now - known.atNanos() <= settings.cacheFor().toNanos();
                    readiness.put(endpoint, fresh ? parallel.submit(() -> known)
                            : parallel.submit(() -> upstream.probe().probe(endpoint)));
                }
            }
            String time = Instant.now().toString();
            Map<String, JsonValue> checks = new LinkedHashMap<>();
            HealthStatus overall = HealthStatus.PASS;
            for (EndpointGroup upstream : upstreams) {
                overall = overall.worse(upstream(checks, upstream, readiness, time));
            }
            overall = overall.worse(report(checks, join(report), time));
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

    private static HealthStatus upstream(Map<String, JsonValue> checks, EndpointGroup upstream,
                                         Map<Endpoint, Future<Readiness>> probes, String time) {
        UpstreamSettings settings = upstream.settings();
        List<Endpoint> endpoints = upstream.endpoints();
        long now = System.nanoTime();
        JsonArrayBuilder readiness = JSON.createArrayBuilder();
        JsonArrayBuilder circuits = JSON.createArrayBuilder();
        HealthStatus worst = HealthStatus.PASS;
        if (endpoints.isEmpty()) {
            HealthStatus none = settings.critical() ? HealthStatus.FAIL : HealthStatus.WARN;
            readiness.add(component(settings.name(), time).add("output", "no endpoints (discovery found no address)")
                                  .add("status", none.text()));
            worst = none;
        }
        List<Readiness> found = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            found.add(join(probes.get(endpoint)));
        }
        for (int i = 0; i < endpoints.size(); i++) {
            HealthStatus out = othersServe(endpoints, i, now) ? HealthStatus.WARN
                    : settings.critical() ? HealthStatus.FAIL : HealthStatus.WARN;
            worst = worst.worse(endpoint(readiness, circuits, endpoints.get(i), found.get(i), out, now, time));
        }
        checks.put(settings.name() + ":readiness", readiness.build());
        if (!endpoints.isEmpty()) {
            checks.put(settings.name() + ":circuitBreaker", circuits.build());
        }
        return worst;
    }

    /**
     * Whether an endpoint other than the {@code i}th is in rotation: the balancer's view (background probe, ejection,
     * circuit), not this report's own probe, which a survivor busy with the traffic of a dead peer may answer late.
     */
    private static boolean othersServe(List<Endpoint> endpoints, int i, long now) {
        for (int j = 0; j < endpoints.size(); j++) {
            if (j != i && endpoints.get(j).available(now)) {
                return true;
            }
        }
        return false;
    }

    /** Adds one endpoint's readiness and circuit entries; {@code out} is the status of an endpoint that is out. */
    private static HealthStatus endpoint(JsonArrayBuilder readiness, JsonArrayBuilder circuits, Endpoint endpoint,
                                         Readiness found, HealthStatus out, long now, String time) {
        String name = endpoint.upstream();
        String address = endpoint.address().authority();
        boolean ejected = endpoint.ejected(now);
        JsonObjectBuilder probe = component(name, time).add("endpoint", address).add("ejected", ejected);
        HealthStatus ready;
        if (found.ready()) {
            probe.add("observedValue", found.elapsed().toMillis()).add("observedUnit", "ms");
            ready = ejected ? HealthStatus.WARN : HealthStatus.PASS;
            if (ejected) {
                probe.add("output", "ejected after failures in a row: out of rotation for now");
            }
        } else {
            if (found.status() != 0) {
                probe.add("observedValue", found.elapsed().toMillis()).add("observedUnit", "ms");
            }
            probe.add("output", found.detail());
            ready = out;
        }
        readiness.add(probe.add("status", ready.text()));
        CircuitBreaker.State state = endpoint.breaker().state();
        HealthStatus circuit = switch (state) {
            case CLOSED -> HealthStatus.PASS;
            case HALF_OPEN -> HealthStatus.WARN;
            case OPEN -> out;
        };
        circuits.add(component(name, time).add("endpoint", address)
                             .add("observedValue", EndpointMetrics.stateText(state))
                             .add("status", circuit.text()));
        return ready.worse(circuit);
    }

    /** Fetches health-service's report from one of its endpoints, in a client span when tracing. */
    private Result<Answer> report(String requestId, Optional<SpanContext> parent) {
        Endpoint endpoint = reporter.select(List.of());
        if (endpoint == null) {
            return Result.err("health-service has no endpoints");
        }
        HttpClientRequest request = client.get()
                .uri(endpoint.address().uri().resolve(REPORT_PATH))
                .header(HeaderNames.ACCEPT, "application/health+json, application/json")
                .header(HeaderNames.create("X-Request-Id"), requestId);
        if (!tracing.enabled()) {
            return fetch(request);
        }
        Span span = tracing.call(parent, endpoint.upstream(), endpoint.address().authority(), REPORT_PATH);
        tracing.headers(span).forEach((name, values) -> request.header(HeaderNames.create(name), values));
        Result<Answer> answer = fetch(request);
        switch (answer) {
            case Result.Ok<Answer> ok -> UpstreamTracing.answered(span, ok.value().status());
            case Result.Err<Answer> err -> {
                span.status(Span.Status.ERROR);
                span.addEvent("error", Map.of("message", err.reason()));
            }
        }
        span.end();
        return answer;
    }

    private Result<Answer> fetch(HttpClientRequest request) {
        try (HttpClientResponse response = request.request(); InputStream in = response.inputStream()) {
            byte[] body = in.readNBytes(MAX_REPORT);
            return Result.ok(new Answer(response.status().code(), new String(body, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            return Result.err(reason.toLowerCase(Locale.ROOT).contains("timed out") || reason.contains("Timeout")
                    ? "no answer within " + settings.reportTimeout() : reason);
        }
    }

    /** Adds health-service's own report; its checks are merged in where their keys are not the gateway's. */
    private static HealthStatus report(Map<String, JsonValue> checks, Result<Answer> answer, String time) {
        JsonObjectBuilder entry = JSON.createObjectBuilder()
                .add("componentId", "health-service")
                .add("componentType", "system")
                .add("time", time);
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

    private static Result<JsonObject> parse(Answer answer) {
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return Result.ok(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Result.err("HTTP " + answer.status() + " without a health+json document");
        }
    }

    private static JsonObjectBuilder component(String name, String time) {
        return JSON.createObjectBuilder().add("componentId", name).add("componentType", "component").add("time", time);
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
