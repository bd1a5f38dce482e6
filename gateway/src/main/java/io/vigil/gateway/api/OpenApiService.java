package io.vigil.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /openapi}: the OpenAPI 3 document of the public API, a YAML resource kept in step with the routes
 * by a test that calls every operation it documents.
 */
public final class OpenApiService implements HttpService {
    /** Where the document is on the class path. */
    public static final String RESOURCE = "/openapi/vigil.yaml";
    /** Its media type. */
    public static final String MEDIA_TYPE = "application/yaml";

    private final byte[] document;

    /** Reads the document from the class path. */
    public OpenApiService() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE).send(document);
    }
}
