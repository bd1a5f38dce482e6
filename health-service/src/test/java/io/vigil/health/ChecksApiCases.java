package io.vigil.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.helidon.metrics.api.Metrics;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.vigil.common.http.StandardRouting;
import io.vigil.common.testing.Problems;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import io.vigil.health.check.BreakerSettings;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.CheckType;
import io.vigil.health.probe.Reading;
import io.vigil.health.testing.FakeProbe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

/**
 * {@code GET /v1/checks} and {@code GET /v1/checks/{name}}, run without sockets ({@link ChecksApiTest}) and over
 * real sockets ({@link ChecksApiIT}). The probes are fakes whose answers each test sets before refreshing.
 */
abstract class ChecksApiCases {
    /** A critical check. */
    static final FakeProbe DB = FakeProbe.answering(5);
    /** A non-critical check that warns above 100 ms. */
    static final FakeProbe CACHE = FakeProbe.answering(5);
    static CheckRunner runner;

    private final Http1Client client;

    ChecksApiCases(Http1Client client) {
        this.client = client;
    }

    static void routing(HttpRouting.Builder routing) {
        BreakerSettings never = new BreakerSettings(100, Duration.ofMillis(10));
        HealthSettings settings = new HealthSettings(Duration.ofHours(1), 3, "test-platform", "checks under test", List.of(
                new CheckSettings("db", CheckType.TCP, true, Duration.ofSeconds(1), Optional.empty(), never, DB),
                new CheckSettings("cache", CheckType.HTTP, false, Duration.ofSeconds(1), Optional.of(Duration.ofMillis(100)),
                                  never, CACHE)));
        runner = new CheckRunner(settings, Metrics.globalRegistry());
        StandardRouting.apply(routing).register("/v1", new ChecksService(settings, runner));
    }

    @Test
    void allPassingIsA200PassInHealthJson() {
        answer(() -> Reading.ok(5), () -> Reading.ok(7));

        try (HttpClientResponse response = client.get("/v1/checks").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/health+json"));
            JsonObject report = Problems.parse(response.as(String.class));
            assertThat(report.keySet(), containsInAnyOrder("status", "serviceId", "description", "checks"));
            assertThat(report.getString("status"), is("pass"));
            assertThat(report.getString("serviceId"), is("test-platform"));
            assertThat(report.getString("description"), is("checks under test"));
            JsonObject checks = report.getJsonObject("checks");
            assertThat(checks.keySet(), contains("db:responseTime", "cache:responseTime"));
            JsonArray db = checks.getJsonArray("db:responseTime");
            assertThat(db.size(), is(1));
            JsonObject item = db.getJsonObject(0);
            assertThat(item.keySet(), contains("componentType", "observedValue", "observedUnit", "status", "time"));
            assertThat(item.getString("componentType"), is("component"));
            assertThat(item.getInt("observedValue"), is(5));
            assertThat(item.getString("observedUnit"), is("ms"));
            assertThat(item.getString("status"), is("pass"));
            Instant.parse(item.getString("time"));
            assertThat(checks.getJsonArray("cache:responseTime").getJsonObject(0).getInt("observedValue"), is(7));
        }
    }

    @Test
    void aFailingNonCriticalCheckWarnsWith200() {
        answer(() -> Reading.ok(5), () -> Reading.fail(3, "HTTP 500 (expected: 200-299)"));

        JsonObject report = assertReport(200, "warn");
        JsonObject cache = report.getJsonObject("checks").getJsonArray("cache:responseTime").getJsonObject(0);
        assertThat(cache.getString("status"), is("fail"));
        assertThat(cache.getString("output"), is("HTTP 500 (expected: 200-299)"));
    }

    @Test
    void aSlowCheckWarnsWith200() {
        answer(() -> Reading.ok(5), () -> Reading.ok(150));

        JsonObject report = assertReport(200, "warn");
        JsonObject cache = report.getJsonObject("checks").getJsonArray("cache:responseTime").getJsonObject(0);
        assertThat(cache.getString("status"), is("warn"));
        assertThat(cache.getString("output"), is("response time 150 ms (expected: at most 100 ms)"));
    }

    @Test
    void aFailingCriticalCheckFailsWith503AndAThrowingProbeIsNoServerError() {
        answer(() -> {
            throw new IllegalStateException("connection pool exhausted");
        }, () -> Reading.ok(5));

        JsonObject report = assertReport(503, "fail");
        JsonObject db = report.getJsonObject("checks").getJsonArray("db:responseTime").getJsonObject(0);
        assertThat(db.getString("status"), is("fail"));
        assertThat(db.getString("output"), is("IllegalStateException: connection pool exhausted"));
        assertThat(db.containsKey("observedValue"), is(false));
    }

    @Test
    void oneCheckComesWithItsHistoryAndUptime() {
        answer(() -> Reading.ok(1), () -> Reading.ok(5));
        answer(() -> Reading.fail(2, "down"), () -> Reading.ok(5));
        answer(() -> Reading.ok(3), () -> Reading.ok(5));

        try (HttpClientResponse response = client.get("/v1/checks/db").request()) {
            assertThat(response.status().code(), is(200));
            assertThat(response.headers().contentType().orElseThrow().text(), is("application/health+json"));
            JsonObject detail = Problems.parse(response.as(String.class));
            assertThat(detail.getString("status"), is("pass"));
            assertThat(detail.getString("serviceId"), is("test-platform"));
            assertThat(detail.getString("description"), is("db: tcp check, critical"));
            assertThat(detail.getJsonObject("checks").keySet(), contains("db:responseTime"));
            JsonArray history = detail.getJsonArray("history");
            assertThat(history.getValuesAs(JsonObject.class).stream().map(i -> i.getInt("observedValue")).toList(),
                       contains(3, 2, 1));
            assertThat(history.getJsonObject(1).getString("output"), is("down"));
            assertThat(detail.getJsonNumber("uptime").doubleValue(), is(0.6667));
        }
    }

    @Test
    void oneFailingCheckIsA503() {
        answer(() -> Reading.ok(1), () -> Reading.fail(2, "down"));

        try (HttpClientResponse response = client.get("/v1/checks/cache").request()) {
            assertThat(response.status().code(), is(503));
            assertThat(Problems.parse(response.as(String.class)).getString("description"), is("cache: http check, not critical"));
        }
    }

    @Test
    void anUnknownCheckIsA404Problem() {
        try (HttpClientResponse response = client.get("/v1/checks/nothing").request()) {
            JsonObject problem = Problems.assertProblem(response, 404);
            assertThat(problem.getString("detail"), is("No check named \"nothing\"; the checks are db, cache"));
        }
    }

    private JsonObject assertReport(int status, String health) {
        try (HttpClientResponse response = client.get("/v1/checks").request()) {
            assertThat(response.status().code(), is(status));
            JsonObject report = Problems.parse(response.as(String.class));
            assertThat(report.getString("status"), is(health));
            return report;
        }
    }

    private static void answer(Callable<Reading> db, Callable<Reading> cache) {
        DB.then(db);
        CACHE.then(cache);
        runner.refresh();
    }
}
