package io.vigil.logparse;

import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;

/**
 * {@code GET /v1/formats}: the log formats this service understands, with a description and a sample line.
 */
final class FormatsService implements HttpService {
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final JsonObject document;

    FormatsService(List<FormatDescription> formats) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        formats.forEach(format -> list.add(JSON.createObjectBuilder()
                                                   .add("name", format.name())
                                                   .add("description", format.description())
                                                   .add("sample", format.sample())));
        this.document = JSON.createObjectBuilder().add("formats", list).build();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/formats", this::formats);
    }

    private void formats(ServerRequest request, ServerResponse response) {
        response.send(document);
    }
}
