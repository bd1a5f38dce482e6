package io.vigil.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.TestConfig;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * A stand-in logparse-service on a real Helidon server that reports what it received: {@code POST /v1/analyze}
 * answers with the body's size and SHA-256, the headers it saw and the client port it came from
 * ({@code peer}); {@code POST /v1/parse} echoes each line as
 * an NDJSON record the moment it arrives; {@code GET /v1/formats?size=N&length=true} streams N pattern bytes.
 */
final class Backend {
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final String[] SEEN = {"content-length", "transfer-encoding", "content-encoding", "content-type",
                                          "authorization", "x-api-key", "x-forwarded-for", "x-forwarded-proto",
                                          "x-forwarded-host", "x-request-id", "expect", "connection", "keep-alive",
                                          "x-custom", "host"};

    private Backend() {
    }

    /**
     * Starts the backend; it accepts any content encoding as it is, like the gateway.
     *
     * @return the running backend
     */
    static VigilService start() {
        return VigilService.start("backend", TestConfig.of(), Backend::routing, Main::server);
    }

    static void routing(HttpRouting.Builder routing, io.helidon.config.Config config) {
        routing.post("/v1/analyze", Backend::analyze)
                .post("/v1/parse", Backend::parse)
                .get("/v1/formats", Backend::formats);
    }

    private static void analyze(ServerRequest request, ServerResponse response) throws IOException {
        MessageDigest digest = sha256();
        long bytes = 0;
        try (InputStream in = request.content().inputStream()) {
            byte[] buffer = new byte[65_536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        JsonObjectBuilder seen = JSON.createObjectBuilder();
        for (String name : SEEN) {
            request.headers().first(HeaderNames.create(name)).ifPresent(value -> seen.add(name, value));
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(JSON.createObjectBuilder()
                              .add("bytes", bytes)
                              .add("sha256", HexFormat.of().formatHex(digest.digest()))
                              .add("query", request.query().rawValue())
                              .add("peer", request.remotePeer().port())
                              .add("headers", seen)
                              .build()
                              .toString());
    }

    private static void parse(ServerRequest request, ServerResponse response) throws IOException {
        response.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(request.content().inputStream(),
                                                                              StandardCharsets.UTF_8));
             OutputStream out = response.outputStream()) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                out.write(JSON.createObjectBuilder().add("line", number).add("text", line).build().toString()
                                  .concat("\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static void formats(ServerRequest request, ServerResponse response) throws IOException {
        long size = Long.parseLong(request.query().first("size").orElse("0"));
        if (size == 0) {
            response.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"formats\":[]}");
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        if (request.query().first("length").orElse("false").equals("true")) {
            response.header(HeaderNames.CONTENT_LENGTH, Long.toString(size));
        }
        try (InputStream in = Patterns.bytes(size); OutputStream out = response.outputStream()) {
            in.transferTo(out);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
