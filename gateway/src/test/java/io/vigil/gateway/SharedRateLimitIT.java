package io.vigil.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.vigil.common.service.VigilService;
import io.vigil.common.testing.Problems;
import io.vigil.gateway.ratelimit.RedisServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Shared limits: two real gateways (Helidon servers in this JVM, the whole gateway routing) share one real Redis
 * (Debian's redis-server). A request that passes the rate limit reaches routing and, at a path nothing serves, is a
 * 404; one that does not is the 429 problem. Every count is bounded by what the bucket may grant: its burst plus one
 * token per second that the run took.
 */
class SharedRateLimitIT {
    private static final int BURST = 50;
    private static final String PATH = "/api/v1/rate-limit-probe";
    /**
     * Longer than any Redis round trip on a loaded machine, so that a shared count is never blurred by a fallback
     * (how short timeouts behave is {@code RateLimiterIT}'s subject).
     */
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    /** "Answered, not hanging": the Redis timeout plus a margin for a loaded CI machine. */
    private static final Duration ANSWERED_WITHIN = REDIS_TIMEOUT.plusSeconds(3);
    private static final List<String> KEY_IDS = List.of("a", "b", "c", "probe-1", "probe-2", "probe-3", "probe-4");

    @RegisterExtension
    final RedisServer redis = new RedisServer();

    private VigilService first;
    private VigilService second;

    @AfterEach
    void stop() {
        Gateways.stop(first, second);
    }

    @Test
    void twoGatewaysGrantTheLimitOnceFailOpenWhileRedisIsAwayAndShareAgainWhenItIsBack() throws Exception {
        first = gateway("fail-open");
        second = gateway("fail-open");
        List<WebClient> both = List.of(Gateways.client(first), Gateways.client(second));
        awaitShared(both.get(0), "probe-1");
        awaitShared(both.get(1), "probe-2");

        Tally shared = run(both, "a", 200);
        assertThat("the burst once, not once per gateway", shared.granted, within(BURST, shared));

        Tally beforeKill = run(both, "b", 60);
        assertThat(beforeKill.granted, within(BURST, beforeKill));
        redis.kill();
        Tally afterKill = run(both, "b", 140);
        // Fail-open: each gateway's own bucket for "b" (untouched while Redis decided) grants its burst.
        assertThat("each gateway's local bucket decides", afterKill.granted, allOf(greaterThanOrEqualTo(2 * BURST),
                lessThanOrEqualTo(2 * BURST + 2 * (int) afterKill.seconds())));
        String metrics = metrics(both.get(0));
        assertThat("fallbacks are counted", sum(metrics, "vigil_gateway_ratelimit_redis_fallbacks_total{"), greaterThan(0.0));
        assertThat(sum(metrics, "vigil_gateway_ratelimit_redis_connected"), is(0.0));
        assertThat("rejections per key id", sum(metrics, "vigil_gateway_ratelimit_rejected_total{key_id=\"a\""),
                   greaterThanOrEqualTo((double) shared.rejected));

        redis.start();
        awaitShared(both.get(0), "probe-3");
        awaitShared(both.get(1), "probe-4");
        Tally back = run(both, "c", 200);
        assertThat("shared again", back.granted, within(BURST, back));
        System.out.printf("shared: %s; before the kill: %s; after it (local buckets): %s; Redis back: %s%n",
                          shared, beforeKill, afterKill, back);
        assertThat(sum(metrics(both.get(1)), "vigil_gateway_ratelimit_redis_connected"), is(1.0));
    }

    @Test
    void failClosedAnswers503WhileRedisIsAway() throws Exception {
        first = gateway("fail-closed");
        WebClient client = Gateways.client(first);
        awaitShared(client, "probe-1");

        redis.kill();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try (HttpClientResponse response = get(client, "a")) {
                assertThat(System.nanoTime() - t0, lessThan(ANSWERED_WITHIN.toNanos()));
                JsonObject problem = Problems.assertProblem(response, 503);
                assertThat(problem.getString("type"), is("urn:vigil:problem:rate-limit-unavailable"));
                assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("1"));
            }
        }

        redis.start();
        awaitShared(client, "probe-2");
        awaitStatus(client, "a", 404);
    }

    private VigilService gateway(String onFailure) {
        List<String> pairs = new ArrayList<>(List.of("gateway.auth.mode", "api-key",
                                                     "gateway.rate-limit.requests-per-second", "1",
                                                     "gateway.rate-limit.burst", Integer.toString(BURST),
                                                     "gateway.rate-limit.redis.uri", redis.uri(),
                                                     "gateway.rate-limit.redis.timeout", REDIS_TIMEOUT.toString(),
                                                     "gateway.rate-limit.redis.on-failure", onFailure));
        for (int i = 0; i < KEY_IDS.size(); i++) {
            pairs.addAll(List.of("gateway.auth.keys." + i + ".id", KEY_IDS.get(i),
                                 "gateway.auth.keys." + i + ".sha256", sha256(secret(KEY_IDS.get(i)))));
        }
        return Gateways.start(pairs.toArray(String[]::new));
    }

    /**
     * Requests through one gateway until its bucket for the key is in Redis: connected, and its breaker closed. Until
     * then a request is decided locally (404) or, failing closed, answered 503.
     */
    private void awaitShared(WebClient client, String keyId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (HttpClientResponse response = get(client, keyId)) {
                assertThat(response.status().code(), anyOf(is(404), is(503)));
            }
            if (redis.keys("*:" + keyId) > 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the bucket of " + keyId + " never reached Redis within 30 s");
    }

    /** Requests until one is answered with a status (a request may still meet the breaker open), at most 30 s. */
    private static void awaitStatus(WebClient client, String keyId, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (HttpClientResponse response = get(client, keyId)) {
                if (response.status().code() == status) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("never answered " + status + " within 30 s");
    }

    /** Quick requests with one key, alternating between the gateways; each must be answered promptly. */
    private Tally run(List<WebClient> gateways, String keyId, int count) {
        long start = System.nanoTime();
        int granted = 0;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            try (HttpClientResponse response = get(gateways.get(i % gateways.size()), keyId)) {
                long took = System.nanoTime() - t0;
                assertThat("request " + i + " took " + took / 1_000_000 + " ms", took, lessThan(ANSWERED_WITHIN.toNanos()));
                int status = response.status().code();
                if (status == 404) {
                    granted++;
                } else {
                    JsonObject problem = Problems.assertProblem(response, 429);
                    assertThat(problem.getString("type"), is("urn:vigil:problem:rate-limited"));
                    assertThat(response.headers().first(HeaderNames.RETRY_AFTER).isPresent(), is(true));
                }
            }
        }
        return new Tally(granted, count - granted, System.nanoTime() - start);
    }

    private static HttpClientResponse get(WebClient client, String keyId) {
        return client.get(PATH).header(HeaderNames.AUTHORIZATION, "Bearer " + secret(keyId)).request();
    }

    private static String metrics(WebClient client) {
        try (HttpClientResponse response = client.get("/observe/metrics").request()) {
            return response.as(String.class);
        }
    }

    /** The sum of the samples whose line starts with a prefix (a name, with the start of its tags). */
    private static double sum(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** At least the burst, at most the burst plus one token per second the run took (and one more, begun). */
    private static org.hamcrest.Matcher<Integer> within(int burst, Tally tally) {
        return allOf(greaterThanOrEqualTo(burst), lessThanOrEqualTo(burst + (int) tally.seconds() + 1));
    }

    private static String secret(String keyId) {
        return "key-of-" + keyId;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a run got. */
    private record Tally(int granted, int rejected, long nanos) {
        long seconds() {
            return TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1);
        }

        @Override
        public String toString() {
            return granted + " of " + (granted + rejected) + " granted in " + nanos / 1_000_000 + " ms";
        }
    }
}
