"""The replica scenarios of issue 13's "Prove it": a rolling restart of two logparse instances behind the gateway, one
of two killed, and two gateways sharing their rate limits in one Redis. Each runs against a stack of its own
(suite.py starts it with the replicas given here).

The gateway's view of each endpoint comes from its metrics: vigil_gateway_endpoint_ready (the readiness probe),
vigil_gateway_endpoint_ejected (outlier ejection), vigil_gateway_endpoint_circuit_state and
vigil_gateway_endpoint_requests_total, each tagged endpoint="127.0.0.1:<port>".
"""

import signal
import time

from harness import (Load, Result, Route, Tally, get, metric_in, metric_sum, now, percentile, wait_until, HOST)

# The stacks: logparse-service twice behind one gateway; two gateways on one Redis with a small shared limit.
REPLICAS = {"logparse-service": 2}
GATEWAYS = {"gateway": 2}
SETTINGS = {
    "HEALTH_REFRESH_dash_INTERVAL": "PT1S",  # health-service sees an instance go and come back within a second
}
BURST = 50          # the shared limit: a burst of 50 ...
PER_SECOND = 1      # ... refilled at one request per second
REDIS_OFFSET = 5    # Redis listens on the suite's gateway port + 5 (free in the port block)


REDIS_TIMEOUT = 0.5  # longest a request waits on Redis: above what a loaded machine needs, far below a hang


def limit_settings(redis):
    return {"GATEWAY_RATE_dash_LIMIT_BURST": str(BURST),
            "GATEWAY_RATE_dash_LIMIT_REQUESTS_dash_PER_dash_SECOND": str(PER_SECOND),
            "GATEWAY_RATE_dash_LIMIT_REDIS_URI": redis.uri,
            "GATEWAY_RATE_dash_LIMIT_REDIS_TIMEOUT": f"PT{REDIS_TIMEOUT:g}S"}


def fallbacks(ports):
    """Requests each gateway's Redis did not decide so far (vigil_gateway_ratelimit_redis_fallbacks_total, all
    reasons)."""
    return [metric_sum(get(port, "/observe/metrics", timeout=2).body.decode("utf-8", "replace"),
                       "vigil_gateway_ratelimit_redis_fallbacks_total") for port in ports]


EJECTED_WITHIN = 1.0       # issue 13: the killed instance is out of rotation within 1 s ...
BACK_WITHIN = 5.0          # ... and back in rotation within 5 s of being ready again
MIXED_LOG = "\n".join(f'10.0.0.{i} - - [14/Mar/2026:10:00:{i:02d} +0000] "GET /p{i % 7} HTTP/1.1" {200 + (i % 3) * 100} '
                      f'{100 + i} "-" "curl/8"' for i in range(40)).encode() + b"\n"
FORMATS = Route("formats", "GET", "/api/v1/logs/formats")
HEALTH = Route("health", "GET", "/api/v1/health")
UPLOAD = Route("analyze", "POST", "/api/v1/logs/analyze", MIXED_LOG, (("Content-Type", "text/plain"),))
BAD_GATEWAY = ("urn:vigil:problem:upstream-failed", "urn:vigil:problem:upstream-unreachable")  # the 502 problems


class EndpointView:
    """What the gateway's metrics say about one endpoint right now."""

    def __init__(self, gateway_port, endpoint_port):
        self.gateway_port = gateway_port
        self.endpoint = f"{HOST}:{endpoint_port}"

    def read(self):
        """{ready, ejected, circuit, requests} of the endpoint, or None when the metrics did not answer."""
        answer = get(self.gateway_port, "/observe/metrics", timeout=2)
        if answer.status != 200:
            return None
        text = answer.body.decode("utf-8", "replace")
        labels = {"upstream": "logparse", "endpoint": self.endpoint}
        requests = metric_sum(text, "vigil_gateway_endpoint_requests_total", **labels)
        return {"ready": metric_in(text, "vigil_gateway_endpoint_ready", **labels),
                "ejected": metric_in(text, "vigil_gateway_endpoint_ejected", **labels),
                "circuit": metric_in(text, "vigil_gateway_endpoint_circuit_state", **labels),
                "requests": requests}

    def out_of_rotation(self):
        view = self.read()
        return view is not None and (view["ready"] == 0 or view["ejected"] == 1 or view["circuit"] == 2)

    def in_rotation(self):
        view = self.read()
        return view is not None and view["ready"] == 1 and view["ejected"] == 0 and view["circuit"] != 2


def settled(result, gateway):
    """Waits until GET /api/v1/health passes before the load starts: right after ./platform up, health-service's check
    of the gateway may have found it still starting, and its check's circuit breaker then reports that check failing
    (so the platform as failing, 503) for its 5 s delay. Records it when the platform never settles."""
    took = wait_until(lambda: get(gateway, "/api/v1/health", timeout=2).status == 200, 30, 0.2)
    result.require(took is not None, "GET /api/v1/health did not pass within 30 s of the stack being up")


def not_2xx(calls):
    """Calls that were not answered 2xx, described briefly (at most five)."""
    bad = [call for call in calls if not call.ok]
    return [f"{call.route} {call.outcome}{' ' + call.problem if call.problem else ''} after {call.elapsed:.2f} s"
            for call in bad[:5]] + ([f"... {len(bad) - 5} more"] if len(bad) > 5 else [])


def per_route(calls):
    routes = sorted({call.route for call in calls})
    return ", ".join(f"{route} {sum(c.ok for c in calls if c.route == route)}/{sum(c.route == route for c in calls)}"
                     for route in routes)


# --------------------------------------------------------------------------------------------- rolling restart


def rolling_restart_replicas(stack, soak=1):
    """Both logparse instances restarted one after the other (SIGTERM, drain, start, wait until ready and back in
    the gateway's rotation, then the next) under steady mixed load: every request must be answered 2xx."""
    result = Result("rolling-restart-replicas")
    gateway = stack.port("gateway")
    restarts = []
    settled(result, gateway)
    with Load(gateway, [FORMATS, UPLOAD, HEALTH], workers=4, timeout=10, pause=0.02) as load:
        time.sleep(2 * soak)
        for name in stack.instances("logparse-service"):
            view = EndpointView(gateway, stack.port(name))
            signalled = now()
            stack.down(name)
            exited = now()
            status = stack.exit_status(name)
            result.require(status == 0, f"{name} exit status {status} (expected 0)")
            stack.up(name)
            ready = now()
            back = wait_until(view.in_rotation, BACK_WITHIN + 5, 0.05)
            restarts.append((name, exited - signalled, ready - exited, back))
            result.require(back is not None and back <= BACK_WITHIN,
                           f"{name} back in the gateway's rotation {back} s after it was ready (bound {BACK_WITHIN:g} s)")
            time.sleep(1.5 * soak)
    calls = load.snapshot()
    tally = Tally(calls, 10)
    result.line = tally.line(result.name, max((r[3] for r in restarts if r[3] is not None), default=None))
    result.require(calls and all(call.ok for call in calls),
                   f"{sum(not call.ok for call in calls)} of {len(calls)} requests not answered 2xx: {not_2xx(calls)}")
    result.facts = (f"{per_route(calls)} answered 2xx; " + "; ".join(
        f"{name}: drained and exited {drained:.1f} s after SIGTERM, ready {started:.1f} s after start, back in "
        f"rotation {'-' if back is None else f'{back:.2f}'} s after ready" for name, drained, started, back in restarts))
    return result


# --------------------------------------------------------------------------------------------- one killed


def replica_killed(stack, soak=1):
    """SIGKILL one of two logparse instances under load (small GETs and uploads that take a while), then start it
    again: no GET fails, only uploads in flight on it may fail (with a 502 problem), it is out of rotation within
    1 s and back within 5 s of being ready."""
    result = Result("replica-killed")
    gateway = stack.port("gateway")
    victim = stack.instances("logparse-service")[0]
    view = EndpointView(gateway, stack.port(victim))
    # Uploads of ~3 MB take a moment on each instance, so that some are in flight when the instance dies.
    big = Route("upload", "POST", "/api/v1/logs/analyze", MIXED_LOG * 25_000, (("Content-Type", "text/plain"),))
    settled(result, gateway)
    with Load(gateway, [FORMATS, HEALTH], workers=4, timeout=10, pause=0.01) as gets, \
            Load(gateway, [big], workers=3, timeout=20, pause=0.05) as uploads:
        time.sleep(2 * soak)
        before = view.read() or {}
        result.require(before.get("requests", 0) > 0, f"{victim} took no requests before the kill: {before}")
        stack.signal(victim, signal.SIGKILL)  # returns once the process is dead: an upload sent to it until then
        killed = now()                        # was in flight on it
        out = wait_until(view.out_of_rotation, 10, 0.02)
        time.sleep(max(0.0, 2 * soak - (now() - killed)))
        stack.up(victim)
        ready = now()
        back = wait_until(view.in_rotation, BACK_WITHIN + 5, 0.05)
        served_before = (view.read() or {}).get("requests", 0)
        serving = wait_until(lambda: (view.read() or {}).get("requests", 0) > served_before, 5, 0.1)
        time.sleep(1.5 * soak)
    get_calls, upload_calls = gets.snapshot(), uploads.snapshot()
    tally = Tally(get_calls + upload_calls, 20)
    result.line = tally.line(result.name, back)
    result.require(all(call.ok for call in get_calls),
                   f"{sum(not c.ok for c in get_calls)} of {len(get_calls)} GETs failed: {not_2xx(get_calls)}")

    def in_flight_502(call):
        return call.status == 502 and call.problem in BAD_GATEWAY and call.start < killed < call.end

    failed_uploads = [call for call in upload_calls if not call.ok]
    wrong = [call for call in failed_uploads if not in_flight_502(call)]
    result.require(not wrong, f"uploads that failed other than with a 502 problem while in flight at the kill: "
                              f"{not_2xx(wrong)} (kill at {killed - upload_calls[0].start:.2f} s into the load)"
                   if upload_calls else "no uploads were sent")
    result.require(sum(c.ok for c in upload_calls if c.start > killed) > 0, "no upload succeeded after the kill")
    result.require(out is not None and out <= EJECTED_WITHIN,
                   f"{victim} out of rotation {out} s after kill -9 (bound {EJECTED_WITHIN:g} s)")
    result.require(back is not None and back <= BACK_WITHIN,
                   f"{victim} back in rotation {back} s after it was ready again (bound {BACK_WITHIN:g} s)")
    result.require(serving is not None, f"{victim} took no request within 5 s of being back in rotation")
    slowest = max((c.elapsed for c in get_calls if c.start >= killed - 0.1), default=0.0)
    result.facts = (f"GETs {per_route(get_calls)} 2xx; uploads {sum(c.ok for c in upload_calls)}/{len(upload_calls)} "
                    f"2xx, {len(failed_uploads)} in flight on {victim} at the kill answered 502; out of rotation "
                    f"{'-' if out is None else f'{out:.2f}'} s after kill -9, back {'-' if back is None else f'{back:.2f}'}"
                    f" s after ready and serving {'-' if serving is None else f'{serving:.1f}'} s later; slowest GET "
                    f"around the kill {slowest * 1000:.0f} ms (retried on the other instance)")
    return result


# --------------------------------------------------------------------------------------------- shared limits


def shared_rate_limit(stack, redis, soak=1):
    """Two gateways on one Redis, burst 50 at 1 request/s: 200 quick requests from one client spread over both get
    about 50 granted, not 100. Then Redis stalls (SIGSTOP) and dies (SIGKILL) under load: every request is still
    answered, none waits on Redis."""
    result = Result("shared-rate-limit")
    gateways = [stack.port(name) for name in stack.instances("gateway")]
    undecided = fallbacks(gateways)
    started = now()
    with Load(gateways, [FORMATS], workers=4, timeout=5) as burst:
        wait_until(lambda: len(burst.snapshot()) >= 200, 60, 0.005)
    calls = burst.snapshot()[:200]
    seconds = max(c.end for c in calls) - started
    granted = sum(c.status == 200 for c in calls)
    limited = sum(c.status == 429 for c in calls)
    by_gateway = {port: sum(c.status == 200 for c in calls if c.port == port) for port in gateways}
    undecided = sum(fallbacks(gateways)) - sum(undecided)
    # The bucket refills one token a second while the 200 requests run.
    allowed = BURST + int(seconds * PER_SECOND) + 1
    result.require(granted + limited == len(calls), f"answers other than 200/429: {not_2xx(calls)}")
    result.require(undecided == 0, f"Redis did not decide {undecided} of the 200 requests within {REDIS_TIMEOUT} s")
    result.require(BURST <= granted <= allowed,
                   f"{granted} of 200 granted in {seconds:.1f} s (expected {BURST}..{allowed}: one shared bucket, "
                   f"not {len(gateways) * BURST})")
    result.require(all(by_gateway.values()), f"one gateway granted nothing: {by_gateway}")

    outage = {}
    with Load(gateways, [FORMATS], workers=4, timeout=5, pause=0.02) as load:
        time.sleep(1)
        outage["stalled"] = now()
        redis.signal(signal.SIGSTOP)
        time.sleep(2 * soak)
        outage["killed"] = now()
        redis.signal(signal.SIGKILL)
        time.sleep(2 * soak)
    during = [c for c in load.snapshot() if c.start >= outage["stalled"]]
    stalled = [c for c in during if c.start < outage["killed"]]
    dead = [c for c in during if c.start >= outage["killed"]]
    slowest = max((c.elapsed for c in during), default=0.0)
    after = fallbacks(gateways)
    result.require(during and all(c.status in (200, 429) for c in during),
                   f"while Redis was stalled or dead, answers other than 200/429: "
                   f"{[f'{c.outcome} after {c.elapsed:.2f} s' for c in during if c.status not in (200, 429)][:5]}")
    result.require(slowest < REDIS_TIMEOUT + 0.75, f"a request took {slowest:.2f} s while Redis was stalled or dead "
                                                   f"(bound: Redis timeout {REDIS_TIMEOUT} s + 0.75 s)")
    result.require(any(c.status == 200 for c in dead), "no request granted after Redis died (fail-open)")
    result.require(all(value > 0 for value in after),
                   f"vigil_gateway_ratelimit_redis_fallbacks_total per gateway: {after} (expected > 0 on each)")
    tally = Tally(calls + during, 1.0)
    result.line = tally.line(result.name, None)
    result.facts = (f"burst: {granted} of 200 granted in {seconds:.1f} s ({', '.join(f':{p} {n}' for p, n in by_gateway.items())}),"
                    f" {limited} answered 429; Redis stalled (SIGSTOP) {len(stalled)} requests p99 "
                    f"{percentile([c.elapsed for c in stalled], 0.99) * 1000:.0f} ms, then killed {len(dead)} requests "
                    f"({sum(c.status == 200 for c in dead)} granted by the gateways' own buckets); slowest "
                    f"{slowest * 1000:.0f} ms; fallbacks counted per gateway {after}")
    return result

