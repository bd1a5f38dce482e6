"""The reliability scenarios: each one a story told against the running stack, ending in a Result.

Timings: `soak` multiplies how long load runs around each fault (1 in ./platform test, more under ./platform bench).
"""

import signal
import subprocess
import threading
import time
from datetime import datetime

from harness import (Load, Poller, Result, Route, Tally, exchange, health_status, json_or_none, metric, now,
                     percentile, post_stream, recovery, wait_until, ROOT)

# The suite's stack settings (environment, as Helidon maps it); the scenarios rely on these numbers.
DEADLINE = 2.0      # gateway -> logparse deadline, seconds
BULKHEAD = 6        # gateway -> logparse bulkhead: calls at once ...
QUEUE = 2           # ... and waiting
BREAKER_DELAY = 5.0  # the gateway's circuit breaker stays open this long (application.yaml)
GRACE = 1.5          # a call is 'hung' when it took longer than its deadline plus this
SETTINGS = {
    "VIGIL_JAVA_OPTS": "-Xmx160m",  # every heap capped: an OutOfMemoryError ends the JVM (a crash the suite sees)
    "GATEWAY_UPSTREAMS_LOGPARSE_DEADLINE": f"PT{DEADLINE:g}S",
    "GATEWAY_UPSTREAMS_LOGPARSE_READ_dash_TIMEOUT": "PT5S",
    "GATEWAY_UPSTREAMS_LOGPARSE_BULKHEAD_LIMIT": str(BULKHEAD),
    "GATEWAY_UPSTREAMS_LOGPARSE_BULKHEAD_QUEUE": str(QUEUE),
    "GATEWAY_LIMITS_BODY_dash_READ_dash_TIMEOUT": "PT2S",
    "GATEWAY_LIMITS_MAX_dash_BODY_dash_SIZE": "64MiB",
    "LOGPARSE_MAX_dash_BODY_dash_BYTES": str(8 << 30),  # the 10M-line log is 1.9 GB
    "HEALTH_REFRESH_dash_INTERVAL": "PT1S",  # health-service sees a dependency fail (and recover) within a second
}
HEALTH_CHECK_BREAKER_DELAY = 5.0  # health-service's per-check circuit breaker (its default delay)
RECOVERY_BOUND = 10.0  # docs/architecture.md, targets: recovery <= 10 s after the backend returns
MEMORY_BOUND_KB = 256 * 1024  # docs/architecture.md, targets: logparse peak RSS <= 256 MB ...
MEMORY_GROWTH = 0.10          # ... flat from 1M to 10M lines (growth <= 10%)


def generated_log(lines, seed=42):
    """A combined-format log from perf/LogGenerator.java."""
    return subprocess.run([java(), str(ROOT / "perf" / "LogGenerator.java"), "--lines", str(lines), "--seed",
                           str(seed)], capture_output=True, check=True, timeout=120).stdout


def java():
    home = subprocess.run([str(ROOT / "platform"), "java"], capture_output=True, text=True, check=True).stdout.strip()
    return f"{home}/bin/java"


def analyze_route(log, prefix="/api/v1/logs"):
    return Route("analyze", "POST", f"{prefix}/analyze", log, (("Content-Type", "text/plain"),))


HEALTH = Route("health", "GET", "/api/v1/health")
CHECKS = Route("checks", "GET", "/api/v1/health/checks")
FORMATS = Route("formats", "GET", "/api/v1/logs/formats")


TIMEOUT = "urn:vigil:problem:upstream-timeout"
BUSY = "urn:vigil:problem:upstream-busy"
CIRCUIT_OPEN = "urn:vigil:problem:upstream-circuit-open"


def only(calls, *routes):
    return [call for call in calls if call.route in routes]


def unexpected(calls, allowed):
    """Calls whose outcome is not allowed(call), described briefly (at most five)."""
    bad = [call for call in calls if not allowed(call)]
    return [f"{call.route} {call.outcome} after {call.elapsed:.2f} s" for call in bad[:5]] + \
        ([f"... {len(bad) - 5} more"] if len(bad) > 5 else [])


def circuit_state(stack):
    return metric(stack.port("gateway"), "vigil_gateway_upstream_circuit_state", upstream="logparse")


# --------------------------------------------------------------------------------------------- backend loss


def backend_loss(stack, log, soak=1):
    """kill -9 logparse-service under load through the gateway, then start it again."""
    result = Result("backend-loss")
    gateway = stack.port("gateway")
    with Load(gateway, [analyze_route(log), HEALTH], workers=6, timeout=DEADLINE + GRACE + 1, pause=0.02) as load:
        time.sleep(2 * soak)
        killed = now()
        stack.signal("logparse-service", signal.SIGKILL)
        opened = wait_until(lambda: circuit_state(stack) == 2, 10)
        result.require(opened is not None, "the gateway's circuit to logparse did not open within 10 s")
        gateway_view = wait_until(lambda: health_status(gateway, "/api/v1/health", "logparse:readiness") == "fail", 10)
        checked = wait_until(lambda: health_status(gateway, "/api/v1/health", "logparse:responseTime") == "fail", 15)
        result.require(gateway_view is not None, "GET /api/v1/health never showed logparse:readiness fail")
        result.require(checked is not None, "health-service never reported logparse:responseTime fail")
        time.sleep(max(0.0, 2 * soak - (now() - killed)))
        stack.up("logparse-service")
        back = now()
        # health-service's check of logparse has a circuit breaker of its own (3 failures: no probe for 5 s), so
        # its report can lag the traffic's recovery by up to that delay.
        healthy = wait_until(lambda: health_status(gateway, "/api/v1/health", "logparse:responseTime") == "pass"
                             and health_status(gateway, "/api/v1/health", "logparse:readiness") == "pass",
                             HEALTH_CHECK_BREAKER_DELAY + 5, 0.2)
        wait_until(lambda: recovery(only(load.snapshot(), "analyze"), back) is not None, RECOVERY_BOUND + 5, 0.2)
        time.sleep(2 * soak)
    calls = load.snapshot()
    recovered = recovery(only(calls, "analyze"), back)
    tally = Tally(calls, DEADLINE + GRACE)
    result.line = tally.line(result.name, recovered)
    result.require(tally.count("hung") == 0, f"{tally.count('hung')} calls outlived their deadline")
    outage = [call for call in calls if call.start >= killed and call.end <= back]
    result.require(unexpected(only(outage, "analyze"), lambda c: c.ok or (c.status in (502, 503) and c.problem)) == [],
                   f"analyze during the outage, not a 502/503 problem: "
                   f"{unexpected(only(outage, 'analyze'), lambda c: c.ok or (c.status in (502, 503) and c.problem))}")
    result.require(unexpected(only(calls, "health"), lambda c: c.status in (200, 503)) == [],
                   f"platform health not 200/503: {unexpected(only(calls, 'health'), lambda c: c.status in (200, 503))}")
    result.require(recovered is not None and recovered <= RECOVERY_BOUND,
                   f"traffic recovered {recovered} s after logparse was ready (bound {RECOVERY_BOUND:g} s)")
    result.require(healthy is not None, f"platform health did not return to pass for logparse within "
                                        f"{HEALTH_CHECK_BREAKER_DELAY + 5:g} s")
    result.facts = (f"circuit open {opened or 0:.1f} s after kill -9; health fail (gateway view) "
                    f"{gateway_view or 0:.1f} s, (health-service) {checked or 0:.1f} s; pass again "
                    f"{'-' if healthy is None else round(healthy, 1)} s after restart (health-service's check breaker "
                    f"pauses probes {HEALTH_CHECK_BREAKER_DELAY:g} s)")
    return result


# --------------------------------------------------------------------------------------------- slow backend


def slow_backend(stack, log, soak=1):
    """logparse-service stalled (SIGSTOP: it accepts connections and answers nothing), then resumed."""
    result = Result("slow-backend")
    gateway = stack.port("gateway")
    workers = BULKHEAD + QUEUE + 4
    stall = 2.5 * DEADLINE * soak
    with Load(gateway, [CHECKS, HEALTH], workers=2, timeout=5, pause=0.05) as others:
        time.sleep(2)
        baseline = others.snapshot()
        with Load(gateway, [analyze_route(log)], workers=workers, timeout=DEADLINE + GRACE + 1, pause=0.05) as load:
            time.sleep(1)
            stack.signal("logparse-service", signal.SIGSTOP)  # returns once the process is stopped
            stopped = now()
            try:
                time.sleep(stall)
            finally:
                stack.signal("logparse-service", signal.SIGCONT)
            resumed = now()
            wait_until(lambda: recovery(load.snapshot(), resumed) is not None, RECOVERY_BOUND + 5, 0.2)
            time.sleep(1)
        during = [call for call in others.snapshot() if stopped <= call.start < resumed]
    calls = load.snapshot()
    # Twelve workers overflow the bulkhead (6 + 2) whenever a call takes longer than their pause, on a slow machine
    # also after the stall: a shed call says the gateway protects the upstream, not that it did not recover.
    recovered = recovery([call for call in calls if call.problem != BUSY], resumed)
    stalled = [call for call in calls if stopped <= call.start and call.end <= resumed]
    tally = Tally(calls, DEADLINE + GRACE)
    result.line = tally.line(result.name, recovered)
    # The deadline runs from the request to the response's headers: an answer whose headers came before the stall
    # may have its body held up by it (the read timeout, 5 s, bounds that; the client's socket timeout may give up
    # first), but no call may wait longer for its headers.
    late = [c for c in calls if (c.end if c.headers_at is None else c.headers_at) - c.start > DEADLINE + GRACE]
    result.require(not late, f"{len(late)} calls outlived their deadline: " + ", ".join(
        f"{c.outcome} started {c.start - stopped:+.2f} s after SIGSTOP, took {c.elapsed:.2f} s" for c in late[:3]))
    held = [c for c in calls if c.failure is not None and c.headers_at is not None]
    result.require(all(c.start <= stopped for c in held), "a call begun after SIGSTOP had its headers and then its "
                   f"body stalled (only answers under way at the stop can be): {held}")

    def at_deadline_or_shed(call):
        if call.status == 504:
            return call.problem == TIMEOUT and DEADLINE - 0.1 <= call.elapsed <= DEADLINE + 1.0
        return call.status == 503 and call.problem in (BUSY, CIRCUIT_OPEN) and call.retry_after is not None \
            and call.elapsed <= DEADLINE + 0.5

    bad = unexpected(stalled, at_deadline_or_shed)
    result.require(bad == [], f"stalled calls neither a 504 at the deadline nor a 503 with Retry-After: {bad}")
    result.require(any(c.status == 504 for c in stalled), "no 504 while logparse was stalled")
    shed = [c for c in stalled if c.problem == BUSY]
    result.require(shed and max(c.elapsed for c in shed) < 0.5, "the bulkhead shed no load with fast 503s")
    result.require(recovered is not None and recovered <= RECOVERY_BOUND,
                   f"traffic recovered {recovered} s after logparse resumed (bound {RECOVERY_BOUND:g} s)")
    checks_before = percentile([c.elapsed for c in only(baseline, "checks")], 0.99)
    checks_during = percentile([c.elapsed for c in only(during, "checks")], 0.99)
    health_during = max([c.elapsed for c in only(during, "health")], default=0.0)
    result.require(checks_during <= checks_before + 0.1,
                   f"GET /api/v1/health/checks p99 {checks_during * 1000:.0f} ms while logparse stalled "
                   f"(before: {checks_before * 1000:.0f} ms; bound +100 ms)")
    result.require(health_during <= 1.5, f"GET /api/v1/health took up to {health_during:.2f} s while logparse stalled "
                                         "(bound: probe timeout 1 s + 0.5 s)")
    result.require(all(c.answered and c.problem is None for c in only(during, "checks")),
                   "GET /api/v1/health/checks did not pass health-service's report through while logparse stalled")
    result.facts = (f"stalled {stall:.1f} s: {sum(c.status == 504 for c in stalled)} 504 at "
                    f"{percentile([c.elapsed for c in stalled if c.status == 504], 0.5):.2f} s (median), "
                    f"{len(shed)} shed by the bulkhead, {sum(c.problem == CIRCUIT_OPEN for c in stalled)} circuit open, "
                    f"{len(held)} answer(s) under way at the stop held up after their headers; "
                    f"/api/v1/health/checks p99 {checks_before * 1000:.0f} -> "
                    f"{checks_during * 1000:.0f} ms; /api/v1/health max {health_during * 1000:.0f} ms")
    return result


# --------------------------------------------------------------------------------------------- graceful drain


DRAIN_ROUTES = {
    "logparse-service": lambda log: [analyze_route(log, "/v1")],
    "health-service": lambda log: [Route("checks", "GET", "/v1/checks")],
    "gateway": lambda log: [analyze_route(log), CHECKS],
}
# Where a slow upload keeps a request in flight across the signal, so that readiness DOWN can be seen over HTTP
# while the service drains (health-service has no route that takes a body: there the log's order is the evidence).
SLOW_UPLOAD = {"logparse-service": "/v1/analyze", "gateway": "/api/v1/logs/analyze"}


def slow_upload(port, path, log, seconds, answers):
    """POSTs the log in 10 pieces spread over `seconds`; appends the Answer to `answers`."""
    def send(sock):
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     f"Content-Length: {len(log)}\r\n\r\n".encode("latin-1"))
        piece = len(log) // 10 + 1
        for offset in range(0, len(log), piece):
            sock.sendall(log[offset:offset + piece])
            time.sleep(seconds / 10)
    answers.append(exchange(port, None, timeout=15, send=send))


def drain_started(log_text, service):
    """Wall-clock time of the service's 'draining: readiness DOWN' log line, or None."""
    for line in log_text.splitlines():
        if f"{service} draining: readiness DOWN" in line:
            stamp = (json_or_none(line) or {}).get("ts", "")
            try:
                return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
            except ValueError:
                return None
    return None


def graceful_drain(stack, service, log, soak=1):
    """SIGTERM one service under steady load aimed at it (and one slow upload in flight); then start it again."""
    result = Result(f"drain-{service}")
    port = stack.port(service)
    uploads = []
    with Poller(port, "/observe/health/ready") as readiness:
        with Load(port, DRAIN_ROUTES[service](log), workers=4, timeout=10, pause=0.01) as load:
            time.sleep(1.5 * soak)
            upload = None
            if service in SLOW_UPLOAD:
                upload = threading.Thread(target=slow_upload, args=(port, SLOW_UPLOAD[service], log, 1.2, uploads))
                upload.start()
                time.sleep(0.4)
            signalled = now()
            stack.signal(service, signal.SIGTERM)
            status = stack.wait_exit(service, 30)
            exited = now()
            if upload is not None:
                upload.join(15)
    calls = load.snapshot()
    before = [call for call in calls if call.start < signalled]
    after = Tally([call for call in calls if call.start >= signalled], 10)
    log_text = stack.log(service)
    started = now()
    stack.up(service)
    restarted = now() - started

    tally = Tally(before, 10)
    result.line = tally.line(result.name, restarted)
    result.require(status == 0, f"exit status {status} (expected 0)")
    result.require(exited - signalled <= 20.5, f"took {exited - signalled:.1f} s to exit (grace period 20 s)")
    bad = unexpected(before, lambda c: c.answered)
    result.require(bad == [], f"calls started before SIGTERM failed: {bad}")
    for answer in uploads:
        result.require(answer.status == 200, f"the upload in flight at SIGTERM: {answer.describe()}")
    draining = drain_started(log_text, service)
    result.require(draining is not None and log_text.find("draining: readiness DOWN") < log_text.find(f"{service} stopped"),
                   "the log does not show 'draining: readiness DOWN' before 'stopped'")
    late_ups = [sample for sample in readiness.samples if draining and sample[1] > draining and sample[2] == 200]
    result.require(not late_ups, f"readiness answered UP {len(late_ups)} times after draining started")
    downs = sum(1 for sample in readiness.samples if sample[0] >= signalled and sample[2] == 503)
    if service in SLOW_UPLOAD:
        result.require(downs > 0, "readiness never answered DOWN (503) while the upload drained")
    result.facts = (f"exit {status} {exited - signalled:.2f} s after SIGTERM; readiness DOWN (503) seen {downs} times "
                    f"while draining; {'a slow upload in flight completed; ' if uploads else ''}calls started after "
                    f"the signal: " + ", ".join(f"{value} {key}" for key, value in sorted(after.counts.items())))
    return result


# --------------------------------------------------------------------------------------------- rolling restart


def rolling_restart(stack, log, soak=1):
    """Each backend restarted in turn (SIGTERM, drain, start) behind the gateway, under load."""
    result = Result("rolling-restart")
    gateway = stack.port("gateway")
    recoveries = {}
    with Load(gateway, [analyze_route(log), CHECKS, FORMATS], workers=4, timeout=10, pause=0.02) as load:
        for service, routes in (("logparse-service", ("analyze", "formats")), ("health-service", ("checks",))):
            time.sleep(1.5 * soak)
            stack.down(service)
            status = stack.exit_status(service)
            result.require(status == 0, f"{service} exit status {status} (expected 0)")
            stack.up(service)
            back = now()
            wait_until(lambda: recovery(only(load.snapshot(), *routes), back) is not None, RECOVERY_BOUND + 5, 0.2)
            recoveries[service] = recovery(only(load.snapshot(), *routes), back)
        time.sleep(1.5 * soak)
    calls = load.snapshot()
    tally = Tally(calls, 10)
    worst = max((value for value in recoveries.values() if value is not None), default=None)
    result.line = tally.line(result.name, worst)

    def completed_or_fast_problem(call):
        if call.answered:
            return True  # among them health-service's 503 report while logparse restarts
        return call.status in (502, 503) and call.problem and call.retry_after is not None and call.elapsed < 1.0

    bad = unexpected(calls, completed_or_fast_problem)
    result.require(bad == [], f"neither a completed response nor a fast 502/503 problem with Retry-After: {bad}")
    for service, value in recoveries.items():
        result.require(value is not None and value <= BREAKER_DELAY + 1,
                       f"through the gateway {service} served normally {value} s after it was ready "
                       f"(bound: circuit delay {BREAKER_DELAY:g} s + 1 s)")
    result.facts = "; ".join(f"{service} normal {value if value is None else round(value, 1)} s after ready"
                             for service, value in recoveries.items())
    return result


# --------------------------------------------------------------------------------------------- memory


def memory(stack, soak=1):
    """Peak RSS (VmHWM) of a fresh logparse-service analysing 1M, then 10M generated lines."""
    result = Result("memory")
    stack.down("logparse-service")
    stack.up("logparse-service")
    port = stack.port("logparse-service")
    peaks = []
    answers = []
    # A first 1M-line analysis warms the JVM up (heap grown to its -Xmx, code compiled); the peaks after the
    # second 1M and after 10M lines then show what input size adds.
    warm_up = post_stream(port, "/v1/analyze", generated_stream(1_000_000, 3), timeout=300)
    result.require(warm_up.status == 200, f"warm-up: {warm_up.describe()[:200]}")
    for lines, seed in ((1_000_000, 1), (10_000_000 * soak, 2)):
        answer = post_stream(port, "/v1/analyze", generated_stream(lines, seed), timeout=300)
        answers.append(answer)
        document = answer.json() or {}
        total = document.get("lines", {}).get("total")
        result.require(answer.status == 200 and total == lines,
                       f"{lines} lines: {answer.describe()[:200]} (lines.total {total})")
        peaks.append(stack.process_kb("logparse-service") or 0)
    small, big = peaks
    growth = big / small - 1 if small else 0
    seconds = answers[-1].elapsed
    result.line = (f"memory: 3 requests ({2 + 10 * soak}M lines), {sum(a.status == 200 for a in answers) + 1} ok, "
                   f"0 503, 0 504, 0 hung, peak RSS {small // 1024} MB after 1M lines, {big // 1024} MB after "
                   f"{10 * soak}M ({growth:+.1%}), {seconds:.1f} s for {10 * soak}M")
    result.require(big <= MEMORY_BOUND_KB, f"peak RSS {big // 1024} MB over 256 MB")
    result.facts = (f"VmHWM {small // 1024} MB (1M lines) -> {big // 1024} MB ({10 * soak}M lines), -Xmx160m; bound "
                    f"256 MB {'met' if big <= MEMORY_BOUND_KB else 'MISSED'}; flatness target +10% "
                    f"{'met' if growth <= MEMORY_GROWTH else 'missed'} ({growth:+.1%})")
    return result


def generated_stream(lines, seed):
    """The generator's output as it is written (a pipe; never held whole)."""
    with subprocess.Popen([java(), str(ROOT / "perf" / "LogGenerator.java"), "--lines", str(lines), "--seed",
                           str(seed)], stdout=subprocess.PIPE) as generator:
        while chunk := generator.stdout.read(1 << 20):
            yield chunk
        generator.wait(60)

