package io.vigil.logparse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * logparse-service's own metrics in {@code /observe/metrics} after requests whose every outcome is known: analyses,
 * bytes, lines, malformed lines, formats, durations, and rejections by cause.
 */
class LogparseMetricsIT {
    private static final String LOG = """
            10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 100 "-" "curl/8.5.0"
            10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /index.html HTTP/1.1" 404 0 "-" "Firefox"
            broken line
            """;
    private static final Pattern SAMPLE = Pattern.compile("^(vigil_logparse_\\w+)(?:\\{([^}]*)})? (\\S+)$", Pattern.MULTILINE);

    private VigilService service;
    private WebClient client;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    @Test
    void answeredRequestsCountWhatTheyRead() {
        start("logparse.queue", "16");
        Map<String, Double> before = metrics();
        for (int i = 0; i < 2; i++) {
            try (HttpClientResponse response = client.post("/v1/analyze").submit(LOG)) {
                assertThat(response.status().code(), is(200));
            }
        }
        try (HttpClientResponse response = client.post("/v1/parse").queryParam("format", "common").submit(LOG)) {
            assertThat(response.status().code(), is(200));
            response.as(String.class);
        }
        Map<String, Double> after = metrics();

        int bytes = LOG.getBytes(StandardCharsets.UTF_8).length;
        assertThat(delta(before, after, "vigil_logparse_analyses_total{endpoint=\"analyze\""), is(2.0));
        assertThat(delta(before, after, "vigil_logparse_analyses_total{endpoint=\"parse\""), is(1.0));
        assertThat(delta(before, after, "vigil_logparse_bytes_total{endpoint=\"analyze\""), is(2.0 * bytes));
        assertThat(delta(before, after, "vigil_logparse_bytes_total{endpoint=\"parse\""), is((double) bytes));
        assertThat(delta(before, after, "vigil_logparse_lines_total"), is(6.0));
        assertThat(delta(before, after, "vigil_logparse_malformed_lines_total"), is(2.0));
        assertThat(delta(before, after, "vigil_logparse_formats_total{detected=\"true\",format=\"combined\""), is(2.0));
        assertThat("named by the caller",
                   delta(before, after, "vigil_logparse_formats_total{detected=\"false\",format=\"common\""), is(1.0));
        assertThat(delta(before, after, "vigil_logparse_analysis_duration_seconds_count{endpoint=\"analyze\""), is(2.0));
        assertThat(delta(before, after, "vigil_logparse_analysis_duration_seconds_bucket{endpoint=\"analyze\",le=\"+Inf\""),
                   is(2.0));
        assertThat(after.get("vigil_logparse_analyses_in_progress"), is(0.0));
        assertThat(delta(before, after, "vigil_logparse_rejections_total"), is(0.0));
        assertThat(delta(before, after, "vigil_logparse_failures_total"), is(0.0));
    }

    @Test
    void rejectionsCountByCause() {
        start("logparse.queue", "16");
        Map<String, Double> before = metrics();
        try (HttpClientResponse response = client.post("/v1/analyze").queryParam("top", "0").submit(LOG)) {
            assertThat(response.status().code(), is(400));
        }
        try (HttpClientResponse response = client.post("/v1/analyze").header(HeaderNames.CONTENT_ENCODING, "gzip")
                .submit("plain")) {
            assertThat(response.status().code(), is(400));
        }
        try (HttpClientResponse response = client.post("/v1/analyze").submit("x\n".repeat(60_000))) {
            assertThat(response.status().code(), is(413));
        }
        try (HttpClientResponse response = client.post("/v1/analyze").header(HeaderNames.CONTENT_ENCODING, "br")
                .submit("plain")) {
            assertThat(response.status().code(), is(415));
        }
        Map<String, Double> after = metrics();

        assertThat(delta(before, after, "vigil_logparse_rejections_total{cause=\"bad-request\",endpoint=\"analyze\""), is(2.0));
        assertThat(delta(before, after, "vigil_logparse_rejections_total{cause=\"too-large\",endpoint=\"analyze\""), is(1.0));
        assertThat(delta(before, after, "vigil_logparse_rejections_total{cause=\"unsupported-encoding\",endpoint=\"analyze\""),
                   is(1.0));
        assertThat(delta(before, after, "vigil_logparse_rejections_total"), is(4.0));
        assertThat(delta(before, after, "vigil_logparse_analyses_total"), is(0.0));
    }

    @Test
    void analysesTurnedAwayWhenBusyCountAsBusy() throws Exception {
        // One turn and no queue: a second analysis while one runs is turned away.
        start("logparse.queue", "0");
        Map<String, Double> before = metrics();
        int busy = turnedAwayWhileTheOnlyTurnIsTaken();
        Map<String, Double> after = metrics();

        assertThat(busy, greaterThanOrEqualTo(1));
        assertThat(delta(before, after, "vigil_logparse_rejections_total{cause=\"busy\",endpoint=\"analyze\""),
                   is((double) busy));
        assertThat("only the one that held the turn answered",
                   delta(before, after, "vigil_logparse_analyses_total{endpoint=\"analyze\""), is(1.0));
    }

    @Test
    void causesComeFromTheProblemStatus() {
        assertThat(LogparseMetrics.Cause.of(408), is(LogparseMetrics.Cause.DEADLINE));
        assertThat(LogparseMetrics.Cause.of(503), is(LogparseMetrics.Cause.BUSY));
        assertThat(LogparseMetrics.Cause.of(418), is(LogparseMetrics.Cause.OTHER));
    }

    private void start(String... settings) {
        String[] pairs = new String[settings.length + 4];
        pairs[0] = "logparse.max-body-bytes";
        pairs[1] = "100000";
        pairs[2] = "logparse.max-concurrent";
        pairs[3] = "1";
        System.arraycopy(settings, 0, pairs, 4, settings.length);
        service = VigilService.start("logparse-service", TestConfig.of(pairs), Main::routing);
        client = WebClient.builder().baseUri("http://127.0.0.1:" + service.port()).build();
    }

    /** Holds the only turn with a slow upload and counts the 503s until one came; returns how many. */
    private int turnedAwayWhileTheOnlyTurnIsTaken() throws Exception {
        CountDownLatch uploading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        int busy = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> holder = threads.submit(() -> {
                try (HttpClientResponse response = client.post("/v1/analyze").outputStream(out -> {
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
            for (int attempt = 0; attempt < 200 && busy == 0; attempt++) {
                try (HttpClientResponse response = client.post("/v1/analyze").submit(LOG)) {
                    if (response.status().code() == 503) {
                        busy++;
                    } else {
                        // The holder's request had not taken its turn yet: this one took it and answered.
                        throw new AssertionError("answered " + response.status().code() + " while the turn was taken");
                    }
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            assertThat("the holder is in progress", metrics().get("vigil_logparse_analyses_in_progress"), is(1.0));
            finish.countDown();
            assertThat(holder.get(20, TimeUnit.SECONDS), is(200));
        }
        return busy;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String prefix) {
        return sum(after, prefix) - sum(before, prefix);
    }

    private static double sum(Map<String, Double> metrics, String prefix) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Series without the {@code scope} label, so that a prefix names them: {@code name{label="v",...}} to value. */
    private Map<String, Double> metrics() {
        String text;
        try (HttpClientResponse response = client.get("/observe/metrics").request()) {
            text = response.as(String.class);
        }
        Map<String, Double> series = new LinkedHashMap<>();
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            String labels = sample.group(2) == null ? "" : sample.group(2).replaceAll("scope=\"[^\"]*\",?", "");
            series.put(sample.group(1) + (labels.isEmpty() ? "" : "{" + labels), Double.parseDouble(sample.group(3)));
        }
        return series;
    }
}
