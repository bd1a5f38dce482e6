package io.vigil.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.TestConfig;
import io.vigil.gateway.api.OpenApiService;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * Keeps {@code GET /openapi} in step with the gateway: the documented operations are exactly the routes, and
 * calling each documented operation (with and without a key) answers with a documented status and media type.
 */
class OpenApiIT {
    /** Every route the gateway serves under /api, plus /openapi. */
    private static final Set<String> ROUTES = Set.of("POST /api/v1/logs/analyze", "POST /api/v1/logs/parse",
                                                     "GET /api/v1/logs/formats", "GET /api/v1/health",
                                                     "GET /api/v1/health/checks", "GET /api/v1/health/checks/{name}",
                                                     "GET /api/v1/traffic", "GET /openapi");

    private VigilService logparse;
    private VigilService health;
    private VigilService gateway;
    private Map<String, Object> document;

    @BeforeEach
    void start() {
        logparse = Backend.start();
        health = VigilService.start("fake-health-service", TestConfig.of(), (routing, config) -> routing
                .get("/v1/checks", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/health+json")
                        .send("{\"status\":\"pass\"}"))
                .get("/v1/checks/{name}", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/health+json")
                        .send("{\"status\":\"pass\"}")));
        gateway = Gateways.start("gateway.auth.mode", "api-key",
                                 "gateway.auth.keys.0.id", "docs", "gateway.auth.keys.0.sha256", Gateways.KEY_SHA256,
                                 "gateway.upstreams.logparse.endpoints", "http://127.0.0.1:" + logparse.port(),
                                 "gateway.upstreams.health.endpoints", "http://127.0.0.1:" + health.port());
        try (HttpClientResponse response = Gateways.client(gateway).get("/openapi").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), is(OpenApiService.MEDIA_TYPE));
            document = new Yaml().load(response.as(String.class));
        }
    }

    @AfterEach
    void stop() {
        Gateways.stop(gateway, health, logparse);
    }

    @Test
    void theDocumentPassesAStandardValidator() {
        String yaml;
        try (HttpClientResponse response = Gateways.client(gateway).get("/openapi").request()) {
            yaml = response.as(String.class);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(yaml, null, options);
        assertThat("swagger-parser's messages", result.getMessages(), is(List.of()));
        assertThat(result.getOpenAPI().getComponents().getSchemas().get("Problem").getProperties().keySet(),
                   is(Set.of("type", "title", "status", "detail", "instance", "requestId", "traceId", "upstream")));
    }

    @Test
    void theDocumentIsOpenApi3AndListsExactlyTheRoutes() {
        assertThat(String.valueOf(document.get("openapi")).startsWith("3."), is(true));
        assertThat(new TreeSet<>(operations().keySet()), is(new TreeSet<>(ROUTES)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void analyzeAndParseListTheFiltersLogparseAccepts() {
        List<String> filters = List.of("from", "to", "status", "method", "path", "pathRegex", "client", "level", "text");
        for (String route : List.of("POST /api/v1/logs/analyze", "POST /api/v1/logs/parse")) {
            List<Object> parameters = (List<Object>) operations().get(route).get("parameters");
            List<String> names = parameters.stream().map(parameter -> String.valueOf(map(resolve(parameter)).get("name")))
                    .toList();
            assertThat(route, names.containsAll(filters), is(true));
        }
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        operations().forEach((route, operation) -> {
            Map<String, Object> responses = map(operation.get("responses"));
            String[] parts = route.split(" ");
            for (boolean withKey : new boolean[] {true, false}) {
                HttpClientRequest request = Gateways.client(gateway).method(Method.create(parts[0]))
                        .path(parts[1].replace("{name}", "disk"));
                if (withKey) {
                    request.header(HeaderNames.AUTHORIZATION, "Bearer " + Gateways.KEY);
                }
                try (HttpClientResponse response = "POST".equals(parts[0]) ? request.submit("a log line\n") : request.request()) {
                    String status = Integer.toString(response.status().code());
                    String where = route + (withKey ? " with a key" : " without a key");
                    assertThat(where + " answered an undocumented status", responses.keySet(), hasItem(status));
                    Map<String, Object> documented = map(resolve(responses.get(status)));
                    if (documented.containsKey("content")) {
                        assertThat(where + " answered an undocumented media type", map(documented.get("content")).keySet(),
                                   hasItem(response.headers().contentType().orElseThrow().mediaType().text()));
                    }
                }
            }
        });
    }

    private Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) ->
                operations.put(method.toUpperCase() + " " + path, map(operation))));
        return operations;
    }

    private Object resolve(Object maybeRef) {
        Map<String, Object> node = map(maybeRef);
        if (!node.containsKey("$ref")) {
            return node;
        }
        Object target = document;
        for (String part : List.of(String.valueOf(node.get("$ref")).substring(2).split("/"))) {
            target = map(target).get(part);
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
