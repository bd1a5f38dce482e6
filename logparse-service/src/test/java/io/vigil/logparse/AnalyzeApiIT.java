package io.vigil.logparse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.common.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code POST /v1/analyze} and {@code /v1/parse} on a real logparse-service over sockets.
 */
class AnalyzeApiIT {
    private static final String LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /index.html HTTP/1.1" 404 0 "-" "Firefox"
            broken line
            """;

    private static VigilService service;
    private static WebClient client;

    @BeforeAll
    static void start() {
        service = VigilService.start("logparse-service", TestConfig.of("logparse.max-body-bytes", "100000"), Main::routing);
        client = WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).build();
    }

    @AfterAll
    static void stop() {
        service.shutdown();
    }

    @Test
    void analyzeReturnsTheSummaryDocument() {
        try (HttpClientResponse response = client.post("/v1/analyze").queryParam("top", "1").submit(LOG)) {
            assertThat(response.status().code(), is(200));
            JsonObject summary = Problems.parse(response.as(String.class));
            assertThat(summary.getString("format"), is("combined"));
            assertThat(summary.getJsonObject("lines").getInt("malformed"), is(1));
            assertThat(summary.getJsonObject("http").getJsonObject("statuses").getInt("404"), is(1));
            assertThat(summary.getJsonObject("http").getJsonArray("topPaths").size(), is(1));
            assertThat(summary.getJsonArray("malformedSamples").getJsonObject(0).getInt("line"), is(3));
        }
    }

    @Test
    void gzipBodiesAreInflatedWhetherDeclaredOrNot() throws IOException {
        byte[] compressed = gzip(LOG);
        for (boolean declared : new boolean[] {true, false}) {
            var request = client.post("/v1/analyze");
            if (declared) {
                request.header(HeaderNames.CONTENT_ENCODING, "gzip");
            }
            try (HttpClientResponse response = request.submit(compressed)) {
                assertThat(response.status().code(), is(200));
                assertThat(Problems.parse(response.as(String.class)).getJsonObject("lines").getInt("total"), is(3));
            }
        }
    }

    @Test
    void parseStreamsNdjsonAndSaysWhichFormatItUsed() {
        try (HttpClientResponse response = client.post("/v1/parse").queryParam("malformed", "skip").submit(LOG)) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), startsWith("application/x-ndjson"));
            assertThat(response.headers().first(HeaderNames.create("X-Log-Format")).orElse(""), is("combined"));
            String[] lines = response.as(String.class).split("\n");
            assertThat(lines.length, is(2));
            assertThat(Problems.parse(lines[1]).getString("userAgent"), is("Firefox"));
        }
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        String[][] cases = {
            {"format", "xml", "format: xml (expected: auto, nginx:<log_format>, apache:<LogFormat> or one of "},
            {"top", "0", "top: 0 (expected: an integer 1..1000)"},
            {"tz", "Mars/Olympus", "tz: Mars/Olympus (expected: a zone id such as UTC, Europe/Paris or +02:00)"},
            {"malformed", "drop", "malformed: drop (expected: keep or skip)"},
        };
        for (String[] bad : cases) {
            try (HttpClientResponse response = client.post("/v1/analyze").queryParam(bad[0], bad[1]).submit(LOG)) {
                JsonObject problem = Problems.assertProblem(response, 400);
                assertThat(problem.getString("detail"), startsWith(bad[2]));
                assertThat(problem.getString("parameter"), is(bad[0]));
            }
        }
    }

    @Test
    void oversizedCorruptOrUnsupportedBodiesAreProblems() {
        try (HttpClientResponse response = client.post("/v1/analyze").submit("x\n".repeat(60_000))) {
            JsonObject problem = Problems.assertProblem(response, 413);
            assertThat(problem.getString("detail"), is("request body exceeds 100000 bytes"));
        }
        try (HttpClientResponse response = client.post("/v1/analyze").header(HeaderNames.CONTENT_ENCODING, "gzip")
                .submit("plain")) {
            Problems.assertProblem(response, 400);
        }
        try (HttpClientResponse response = client.post("/v1/analyze").header(HeaderNames.CONTENT_ENCODING, "br")
                .submit("plain")) {
            assertThat(Problems.assertProblem(response, 415).getString("detail"), containsString("br"));
        }
    }

    @Test
    void binaryGarbageIsAnalysedNotRejected() {
        byte[] garbage = new byte[50_000];
        new java.util.Random(7).nextBytes(garbage);
        try (HttpClientResponse response = client.post("/v1/analyze").submit(garbage)) {
            assertThat(response.status().code(), is(200));
            assertThat(Problems.parse(response.as(String.class)).getString("format"), is("text"));
        }
    }

    @Test
    void formatsListsEveryFormatWithASample() {
        try (HttpClientResponse response = client.get("/v1/formats").request()) {
            var formats = Problems.parse(response.as(String.class)).getJsonArray("formats");
            assertThat(formats.size(), is(13));
            assertThat(formats.getJsonObject(1).getString("name"), is("combined"));
        }
    }

    @Test
    void analysesBeyondTheConcurrencyLimitAndQueueAreTurnedAwayWithRetryAfter() throws Exception {
        VigilService busy = VigilService.start("logparse-service",
                                               TestConfig.of("logparse.max-concurrent", "1", "logparse.queue", "0"),
                                               Main::routing);
        WebClient busyClient = WebClient.builder().baseUri("http://127.0.0.1:" + busy.port()).build();
        CountDownLatch uploading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> holder = threads.submit(() -> {
                try (HttpClientResponse response = busyClient.post("/v1/analyze").outputStream(out -> {
                    out.write(LOG.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    uploading.countDown();
                    try {
                        finish.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    out.close();
                })) {
                    return response.status().code();
                }
            });
            assertThat(uploading.await(20, TimeUnit.SECONDS), is(true));
            awaitTurnedAway(busyClient);
            finish.countDown();
            assertThat(holder.get(20, TimeUnit.SECONDS), is(200));
        } finally {
            busy.shutdown();
        }
    }

    private static void awaitTurnedAway(WebClient busyClient) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (HttpClientResponse response = busyClient.post("/v1/analyze").submit(LOG)) {
                if (response.status().code() == 503) {
                    JsonObject problem = Problems.assertProblem(response, 503);
                    assertThat(problem.getString("type"), is("urn:vigil:problem:busy"));
                    assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("1"));
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("a second analysis was never turned away while the first held the only turn");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
