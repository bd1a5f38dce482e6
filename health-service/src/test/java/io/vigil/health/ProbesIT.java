package io.vigil.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import io.vigil.common.health.HealthStatus;
import io.vigil.health.check.CheckResult;
import io.vigil.health.report.HealthReport;
import io.vigil.health.testing.HangingServer;
import io.vigil.health.testing.HealthConfig;
import io.vigil.health.testing.StubHttpServer;

/**
 * The probes and their guards against real servers on 127.0.0.1: answers, wrong answers, refused and
 * hanging connections, the circuit breaker, and 50 checks refreshed at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbesIT {
    private final StubHttpServer web = StubHttpServer.start();
    private CheckRunner runner;

    @AfterEach
    void stop() {
        web.close();
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void httpChecksLookAtStatusBodyAndJson() {
        web.answer(200, "{\"status\":\"UP\",\"checks\":[]}");
        assertThat(result(http("/ready", "")).status(), is(HealthStatus.PASS));
        assertThat(result(http("/ready", ", expect-body: '\"UP\"'")).status(), is(HealthStatus.PASS));
        assertThat(result(http("/ready", ", expect-json: {pointer: /status, equals: UP}")).status(), is(HealthStatus.PASS));

        assertThat(result(http("/ready", ", expect-body: DOWN")).output(), is(Optional.of("body does not contain \"DOWN\"")));
        assertThat(result(http("/ready", ", expect-json: {pointer: /status, equals: DOWN}")).output(),
                   is(Optional.of("body has /status = UP (expected: DOWN)")));
        assertThat(result(http("/ready", ", expect-status: 204")).output(), is(Optional.of("HTTP 200 (expected: 204)")));

        web.answer(503, "{\"status\":\"DOWN\"}");
        CheckResult down = result(http("/ready", ""));
        assertThat(down.status(), is(HealthStatus.FAIL));
        assertThat(down.output(), is(Optional.of("HTTP 503 (expected: 200-299)")));
        assertThat(down.observedValue().isPresent(), is(true));
    }

    @Test
    void aRefusedConnectionFailsWithTheReason() throws IOException {
        int closed = closedPort();

        CheckResult http = result("{name: refused, type: http, url: 'http://127.0.0.1:" + closed + "/'}");
        CheckResult tcp = result("{name: refused-tcp, type: tcp, host: 127.0.0.1, port: " + closed + "}");

        assertThat(http.status(), is(HealthStatus.FAIL));
        assertThat(http.output().orElseThrow(), containsString("Connection refused"));
        assertThat(tcp.output().orElseThrow(), containsString("Connection refused"));
    }

    @Test
    void tcpDnsDiskAndHeapChecksPassWhenAllIsWell() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(result("{name: tcp, type: tcp, host: 127.0.0.1, port: " + listening.getLocalPort() + "}").status(),
                       is(HealthStatus.PASS));
        }
        assertThat(result("{name: dns, type: dns, host: localhost}").status(), is(HealthStatus.PASS));
        CheckResult disk = result("{name: disk, type: disk, path: /, min-free: 1B}");
        assertThat(disk.status(), is(HealthStatus.PASS));
        assertThat(disk.observedValue().orElseThrow().longValue() > 0, is(true));
        assertThat(result("{name: heap, type: heap, max-used-ratio: 1.0}").status(), is(HealthStatus.PASS));
    }

    @Test
    void diskAndHeapChecksFailBeyondTheirLimits() {
        assertThat(result("{name: disk, type: disk, path: /, min-free: 1000TB}").output().orElseThrow(),
                   containsString("(expected: at least 1000.0 TiB)"));
        assertThat(result("{name: disk, type: disk, path: /no/such/path, min-free: 1B}").output().orElseThrow(),
                   is("NoSuchFileException: /no/such/path"));
        assertThat(result("{name: heap, type: heap, max-used-ratio: 0.0001}").output().orElseThrow(),
                   containsString("(expected: at most 0.0%)"));
    }

    @Test
    void hangingDependenciesTimeOut() throws IOException {
        try (HangingServer silent = HangingServer.silent(); HangingServer saturated = HangingServer.saturated()) {
            web.delay(Duration.ofSeconds(30));
            runner = runner(List.of(
                    "{name: silent-http, type: http, url: 'http://127.0.0.1:" + silent.port() + "/', timeout: PT2S}",
                    "{name: slow-http, type: http, url: '" + web.url("/slow") + "', timeout: PT2S}",
                    "{name: hanging-tcp, type: tcp, host: 127.0.0.1, port: " + saturated.port() + ", timeout: PT2S}"));

            long start = System.nanoTime();
            HealthReport report = runner.refresh();
            long millis = (System.nanoTime() - start) / 1_000_000;

            // The three time out together (about 2 s), not one after another (6 s).
            assertThat(millis, lessThan(5000L));
            for (CheckResult result : report.results()) {
                assertThat(result.check().name(), result.status(), is(HealthStatus.FAIL));
                assertThat(result.check().name(), result.output().orElseThrow(), containsString("timed out"));
            }
        }
    }

    @Test
    void fiftyChecksWithOneHangingRefreshInAboutOneTimeout() throws IOException {
        try (HangingServer silent = HangingServer.silent()) {
            StringBuilder checks = new StringBuilder();
            // The answering checks get a timeout a loaded machine cannot miss: only the hanging one times out.
            for (int i = 0; i < 49; i++) {
                checks.append("    - {name: ok-").append(i).append(", type: http, url: '").append(web.url("/" + i))
                        .append("', timeout: PT5S}\n");
            }
            checks.append("    - {name: hanging, type: http, url: 'http://127.0.0.1:").append(silent.port())
                    .append("/', timeout: PT1S}\n");
            runner = new CheckRunner(HealthConfig.settings("health:\n  checks:\n" + checks), Metrics.globalRegistry());

            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                HealthReport report = runner.refresh();
                long millis = (System.nanoTime() - start) / 1_000_000;

                // About one 1 s timeout; one by one it would take 50 s.
                assertThat("refresh " + round + " took " + millis + " ms", millis, lessThan(10_000L));
                assertThat(report.result("hanging").orElseThrow().output(), is(Optional.of("timed out after 1000 ms")));
            }
            assertThat(runner.report().results().stream().filter(r -> r.status() == HealthStatus.PASS).count(), is(49L));
        }
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndRecovers() throws InterruptedException {
        web.answer(500, "{}");
        runner = runner(List.of("{name: flaky, type: http, url: '" + web.url("/")
                                        + "', circuit-breaker: {failures: 3, delay: PT0.5S}}"));

        for (int i = 0; i < 3; i++) {
            assertThat(runner.refresh().results().getFirst().output(), is(Optional.of("HTTP 500 (expected: 200-299)")));
        }
        int probed = web.requests();
        CheckResult open = runner.refresh().results().getFirst();
        assertThat(open.status(), is(HealthStatus.FAIL));
        assertThat(open.output(), is(Optional.of("circuit open")));
        assertThat("the open circuit keeps the dependency alone", web.requests(), is(probed));

        web.answer(200, "{}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HealthStatus status = HealthStatus.FAIL;
        while (status != HealthStatus.PASS && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            status = runner.refresh().status();
        }
        assertThat("recovered after the circuit's delay", status, is(HealthStatus.PASS));
        assertThat(web.requests(), is(probed + 1));
    }

    private String http(String path, String more) {
        return "{name: web, type: http, url: '" + web.url(path) + "'" + more + "}";
    }

    private CheckResult result(String check) {
        try (CheckRunner once = runner(List.of(check))) {
            return once.refresh().results().getFirst();
        }
    }

    private static CheckRunner runner(List<String> checks) {
        StringBuilder yaml = new StringBuilder("health:\n  checks:\n");
        checks.forEach(check -> yaml.append("    - ").append(check).append('\n'));
        return new CheckRunner(HealthConfig.settings(yaml.toString()), Metrics.globalRegistry());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
