"""Hostile input against the running gateway, logparse-service and health-service.

Hand-written cases (bodies, framing, headers, paths, request ids, query parameters) and generated ones (a valid
request mutated at random, seeded). Every answer must be below 500 and, when it rejects (>= 400), a problem+json
document; a server may close the connection only on bytes that are not HTTP at all. Afterwards every service must
still be the same process, ready, with its peak memory reported (heaps are capped at -Xmx160m).
"""

import gzip
import random
import re
import socket
import threading
import time
from dataclasses import dataclass

from harness import Result, exchange, get, now, still_healthy

SEED = 9
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
MB = 1 << 20


@dataclass(frozen=True)
class Case:
    """One hostile request: raw bytes (or a sender), where it goes, and what may come back."""

    name: str
    service: str
    request: bytes | None = None
    send: object = None           # send(sock) instead of request bytes
    expect: tuple = ()            # allowed statuses (empty: any status below 500)
    may_close: bool = False       # closing without an answer is acceptable (the bytes are not HTTP)
    timeout: float = 15.0
    check: object = None          # check(answer) -> problem text or None


def http(method, path, headers=(), body=b"", length=True):
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if length and body is not None:
        head += f"Content-Length: {len(body)}\r\n"
    for name, value in headers:
        head += f"{name}: {value}\r\n"
    return head.encode("latin-1") + b"\r\n" + (body or b"")


def analyze_paths(service):
    return {"gateway": ("/api/v1/logs/analyze", "/api/v1/logs/parse"),
            "logparse-service": ("/v1/analyze", "/v1/parse")}[service]


# --------------------------------------------------------------------------------------------- bodies


def body_cases(rng):
    deep_json = b"[" * 200_000 + b"\n" + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n"
    wide_json = (b"{" + b",".join(b'"k%d":"%s"' % (i, b"v" * 8) for i in range(5_000)) + b"}\n") * 3
    huge_json = b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(200_000)) + b"}\n"
    log = b'10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8"\n'
    bodies = {
        "random bytes (1 MB)": rng.randbytes(MB),
        "invalid UTF-8": (b"\xff\xfe\xc3\x28 \xe2\x82 \xf0\x28\x8c\x28 " + log) * 2_000,
        "NUL bytes": b"\0" * 100_000 + log.replace(b"GET", b"G\0T") * 1_000,
        "10 MB single line": b"a" * (10 * MB),
        "deeply nested JSON lines": deep_json,
        "wide JSON lines (5000 keys)": wide_json,
        "huge JSON line (2.6 MB)": huge_json,
        "lone CRs and mixed line ends": (log.replace(b"\n", b"\r") + log + log.replace(b"\n", b"\r\n")) * 500,
    }
    cases = []
    for service in ("gateway", "logparse-service"):
        analyze, parse = analyze_paths(service)
        for name, body in bodies.items():
            cases.append(Case(f"{name} -> analyze", service, http("POST", analyze, body=body), expect=(200,)))
            cases.append(Case(f"{name} -> parse", service, http("POST", parse, body=body), expect=(200,)))
        for name, body in (("deeply nested JSON lines", deep_json), ("huge JSON line", huge_json)):
            cases.append(Case(f"{name} -> analyze?format=json", service, http("POST", analyze + "?format=json", body=body),
                              expect=(200,)))
        whole = gzip.compress(log * 5_000)
        cases += [
            Case("truncated gzip", service, http("POST", analyze, [("Content-Encoding", "gzip")], whole[:len(whole) // 2]),
                 expect=(400,)),
            Case("truncated gzip, undeclared", service, http("POST", parse, body=whole[:100]), expect=(400,)),
            Case("gzip header only", service, http("POST", analyze, body=whole[:12]), expect=(400,)),
            Case("declared gzip, not gzip", service, http("POST", analyze, [("Content-Encoding", "gzip")], log), expect=(400,)),
            Case("gzip bomb (1 MB inflating to 1 GB)", service, http("POST", analyze, body=gzip_bomb()), expect=(413,)),
            Case("unsupported Content-Encoding", service, http("POST", analyze, [("Content-Encoding", "br")], log),
                 expect=(415,)),
        ]
    return cases


def gzip_bomb():
    """1 GiB of zeros as 64 concatenated gzip members (a valid multi-member stream) of about 1 MiB."""
    member = gzip.compress(b"\0" * (16 * MB), compresslevel=9)
    return member * 64


# --------------------------------------------------------------------------------------------- framing


def stalled(head, body_part, pause):
    def send(sock):
        sock.sendall(head + body_part)
        time.sleep(pause)
    return send


def trickle(head, seconds):
    """A chunked body that never ends: a chunk every 0.2 s for `seconds`, never the last chunk."""
    def send(sock):
        sock.sendall(head)
        deadline = now() + seconds
        while now() < deadline:
            sock.sendall(b"5\r\nhello\r\n")
            time.sleep(0.2)
    return send


def half_close(request):
    def send(sock):
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
    return send


def framing_cases():
    cases = []
    for service in ("gateway", "logparse-service", "health-service"):
        path = {"gateway": "/api/v1/logs/analyze", "logparse-service": "/v1/analyze", "health-service": "/v1/checks"}[service]
        method = "GET" if service == "health-service" else "POST"
        cases += [
            Case("Content-Length larger than the body, then EOF", service,
                 send=half_close(http(method, path, [("Content-Length", "1000")], b"x" * 10, length=False)),
                 expect=(400, 404, 408, 200), may_close=True),
            Case("Content-Length smaller than the body", service,
                 http(method, path, [("Content-Length", "5")], b"x" * 100, length=False)),
            Case("Content-Length not a number", service, http(method, path, [("Content-Length", "12abc")], b"x", False),
                 expect=(400,)),
            Case("negative Content-Length", service, http(method, path, [("Content-Length", "-1")], b"", False),
                 expect=(400,), timeout=5),
            Case("two different Content-Lengths", service,
                 http(method, path, [("Content-Length", "3"), ("Content-Length", "4")], b"abcd", False), expect=(400,)),
            Case("Content-Length and chunked together", service,
                 http(method, path, [("Content-Length", "3"), ("Transfer-Encoding", "chunked")], b"0\r\n\r\n", False)),
            Case("bad chunk size", service,
                 http(method, path, [("Transfer-Encoding", "chunked")], b"zz\r\nabc\r\n0\r\n\r\n", False),
                 expect=(400, 404, 200), may_close=True),
            Case("chunk longer than declared", service,
                 send=half_close(http(method, path, [("Transfer-Encoding", "chunked")], b"2\r\nabcdef\r\n0\r\n\r\n", False)),
                 may_close=True),
            Case("oversized header (20 KB)", service, http("GET", "/observe/health/ready", [("X-Big", "b" * 20_000)]),
                 expect=(431,)),
            Case("300 header fields", service, http("GET", "/observe/health/ready", [(f"X-H{i}", "v" * 60) for i in range(300)]),
                 expect=(431,)),
            Case("oversized request line (10 KB)", service, http("GET", "/" + "a" * 10_000), expect=(400, 414)),
            Case("header without a colon", service, b"GET /observe/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
                 expect=(400,)),
            Case("space before the colon", service, b"GET /observe/health HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n",
                 expect=(200, 400)),
            Case("bytes that are not HTTP", service, send=half_close(random.Random(SEED).randbytes(300) + b"\r\n\r\n"),
                 may_close=True),
            Case("HTTP/1.0 without Host", service, b"GET /observe/health/live HTTP/1.0\r\n\r\n", expect=(200, 400)),
            Case("unknown HTTP version", service, b"GET /observe/health/live HTTP/7.1\r\nHost: x\r\n\r\n",
                 expect=(400, 505), may_close=True),
            Case("CONNECT", service, b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n", expect=(400, 404, 405)),
            Case("TRACE", service, http("TRACE", "/observe/health"), expect=(404, 405)),
            Case("absolute-form target", service, http("GET", "http://evil.example/observe/health/live"),
                 expect=(200, 400, 404)),
        ]
    gateway_analyze = "/api/v1/logs/analyze"
    head = http("POST", gateway_analyze, [("Content-Length", "1000")], b"", length=False)
    chunked_head = http("POST", gateway_analyze, [("Transfer-Encoding", "chunked")], b"", length=False)
    cases += [
        Case("body stalls after 10 of 1000 bytes (body-read-timeout 2 s)", "gateway", send=stalled(head, b"x" * 10, 0),
             expect=(408,), timeout=8),
        Case("chunked body that never ends (deadline 2 s)", "gateway", send=trickle(chunked_head, 6), expect=(408,),
             timeout=8),
        Case("body over the 64 MiB limit, by Content-Length", "gateway",
             http("POST", gateway_analyze, [("Content-Length", str(65 * MB))], b"x" * 1000, length=False), expect=(413,)),
        Case("body over the 64 MiB limit, chunked", "gateway", send=big_chunked(chunked_head, 65 * MB), expect=(413,)),
        Case("Expect: 100-continue", "gateway", http("POST", gateway_analyze, [("Expect", "100-continue")], b"a b c\n"),
             expect=(200,)),
    ]
    return cases


def big_chunked(head, size):
    def send(sock):
        sock.sendall(head)
        chunk = b"%x\r\n%b\r\n" % (MB, b"y" * MB)
        for _ in range(size // MB):
            sock.sendall(chunk)
        sock.sendall(b"0\r\n\r\n")
    return send


# --------------------------------------------------------------------------------------------- paths and headers


def no_metrics_leak(answer):
    return "an internal endpoint leaked" if b"# TYPE " in answer.body else None


def path_cases():
    paths = ["/api/v1/../../etc/passwd", "/api/v1/logs/%2e%2e/%2e%2e/observe/metrics",
             "/api/v1/health/checks/..%2F..%2Fobserve%2Fmetrics", "/api/v1/health/checks/%2e%2e",
             "/api/v1/health/checks/..%252F..%252Fv1%252Fanalyze", "/api/v1/health/checks/../../../observe/metrics",
             "//api/v1/logs/formats", "/api/v1/logs/formats/..;/..;/observe/metrics", "/api/v1/health/checks/disk%00",
             "/api/v1/health/checks/%0d%0aX-Injected:%201", "/api/v1/logs/%2fformats", "/api/v1/logs\\formats",
             "/api/v1/health/checks/" + "a" * 4000, "/api/v1/logs/formats%3Fformat=json", "/%2e%2e/%2e%2e/",
             "/api/v1/logs/formats?top=%zz", "/api/v1/logs/analyze?format=../../etc&top=-1"]
    return [Case(f"path {path[:60]}", "gateway", http("GET", path), check=no_metrics_leak) for path in paths]


def query_cases():
    cases = []
    for service in ("gateway", "logparse-service"):
        analyze, _ = analyze_paths(service)
        for query in ("top=0", "top=99999999999999999999", "top=ten", "format=../../etc/passwd", "tz=%00",
                      "tz=America/Nowhere", "tz=" + "A" * 5000, "malformed=maybe", "format=%ff%fe"):
            cases.append(Case(f"?{query[:40]}", service, http("POST", f"{analyze}?{query}", body=b"x\n"),
                              expect=(400, 414)))
        cases.append(Case("?top=1&top=2", service, http("POST", f"{analyze}?top=1&top=2", body=b"x\n"), expect=(200, 400)))
    return cases


def request_id_check(answer):
    value = answer.header("x-request-id")
    if answer.status is not None and (value is None or not REQUEST_ID.match(value)):
        return f"X-Request-Id in the answer is {value!r}"
    if answer.header("x-injected") is not None or answer.header("set-cookie") is not None:
        return "an injected header came back"
    return None


def request_id_cases():
    values = [b"abc\r\nX-Injected: 1", b"abc%0d%0aSet-Cookie:%20a=b", b"a\nSet-Cookie: a=b", b"a\x00b",
              b"x" * 129, "\u00fcn\u00efcode".encode(), b"abc\r\n def", b"<script>alert(1)</script>", b"../../etc",
              b"a\tb", b"\x7f\x80\xff", b""]
    cases = []
    for service in ("gateway", "logparse-service", "health-service"):
        for value in values:
            request = b"GET /observe/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Request-Id: " + value + b"\r\n\r\n"
            cases.append(Case(f"X-Request-Id {value[:24]!r}", service, request, expect=(200, 400), check=request_id_check))
    return cases


# --------------------------------------------------------------------------------------------- generated cases


def mutated(rng, count):
    """Valid requests with random damage: bytes flipped, CR/LF/NUL/space inserted, lines duplicated or cut."""
    base = http("POST", "/api/v1/logs/analyze?top=5", [("X-Request-Id", "fuzz-1"), ("Content-Type", "text/plain")],
                b'10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8"\n')
    cases = []
    for i in range(count):
        data = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            where = rng.randrange(len(data))
            action = rng.randrange(5)
            if action == 0:
                data[where] = rng.randrange(256)
            elif action == 1:
                data[where:where] = rng.choice([b"\r", b"\n", b"\0", b" ", b":", b"\r\n", b"%", b"\xff"])
            elif action == 2:
                del data[where:where + rng.randint(1, 8)]
            elif action == 3:
                data[where:where] = data[where:where + rng.randint(1, 40)] * rng.randint(2, 50)
            else:
                data[where:where] = rng.randbytes(rng.randint(1, 16))
        cases.append(Case(f"mutation #{i}", "gateway", send=half_close(bytes(data)), may_close=True, timeout=10))
    return cases


# --------------------------------------------------------------------------------------------- running them


def verdict(case, answer):
    """What is wrong with an answer, or None."""
    if answer.status is None:
        if answer.failure == "hung":
            return f"no answer within {case.timeout:g} s"
        return None if case.may_close and answer.failure in ("empty", "reset") else f"no answer ({answer.failure})"
    if answer.status >= 500:
        return answer.describe()
    if answer.status >= 400 and not answer.problem:
        return f"a rejection that is not problem+json: {answer.describe()}"
    if case.expect and answer.status not in case.expect:
        return f"expected {case.expect}: {answer.describe()}"
    return case.check(answer) if case.check else None


def slowloris(stack, service, connections=50, seconds=2.5):
    """Many connections sending their headers a byte at a time; meanwhile ordinary requests must stay fast."""
    stop = threading.Event()

    def crawl():
        try:
            with socket.create_connection(("127.0.0.1", stack.port(service)), timeout=2) as sock:
                for byte in b"GET /observe/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 10_000:
                    if stop.is_set():
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(0.1)
        except OSError:
            pass  # the server closed the connection: that is allowed

    threads = [threading.Thread(target=crawl, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    latencies = []
    deadline = now() + seconds
    failures = []
    while now() < deadline:
        answer = get(stack.port(service), "/observe/health/ready", timeout=2)
        latencies.append(answer.elapsed)
        if answer.status != 200:
            failures.append(answer.describe())
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join(3)
    return max(latencies, default=0.0), failures


def hostile_input(stack, soak=1):
    result = Result("hostile-input")
    rng = random.Random(SEED)
    pids = {service: stack.pid(service) for service in ("gateway", "health-service", "logparse-service")}
    generated = 300 * soak
    cases = body_cases(rng) + framing_cases() + path_cases() + query_cases() + request_id_cases() + mutated(rng, generated)
    counts = {"answered": 0, "closed": 0, "4xx": 0, "5xx": 0}
    bad = []
    for case in cases:
        answer = exchange(stack.port(case.service), case.request, timeout=case.timeout, send=case.send)
        counts["answered" if answer.status is not None else "closed"] += 1
        if answer.status is not None and answer.status >= 400:
            counts["5xx" if answer.status >= 500 else "4xx"] += 1
        problem = verdict(case, answer)
        if problem:
            bad.append(f"{case.service}: {case.name}: {problem}")
    worst = {}
    for service in ("gateway", "logparse-service", "health-service"):
        worst[service], failures = slowloris(stack, service)
        bad += [f"{service}: during slowloris: {failure}" for failure in failures[:3]]
        if worst[service] > 1.0:
            bad.append(f"{service}: during slowloris a readiness probe took {worst[service]:.2f} s")
    unhealthy = still_healthy(stack, pids)
    bad += unhealthy
    for failure in bad[:12]:
        result.failures.append(failure)
    if len(bad) > 12:
        result.failures.append(f"... {len(bad) - 12} more")
    peaks = {service: (stack.process_kb(service) or 0) // 1024 for service in pids}
    hung = sum("no answer within" in failure for failure in bad)
    result.line = (f"hostile-input: {len(cases)} requests, {counts['answered'] - counts['4xx'] - counts['5xx']} ok, "
                   f"0 503, 0 504, {hung} hung, recovered in - ({counts['4xx']} 4xx problems, {counts['5xx']} 5xx, "
                   f"{counts['closed']} closed without an answer; 3 x 50 slowloris connections; services "
                   f"{'healthy' if not unhealthy else 'NOT healthy'} afterwards)")
    result.facts = (f"{len(cases)} cases, {generated} of them generated; peak RSS afterwards: "
                    + ", ".join(f"{service} {mb} MB" for service, mb in peaks.items())
                    + "; slowest readiness probe during slowloris: "
                    + ", ".join(f"{service} {seconds * 1000:.0f} ms" for service, seconds in worst.items()))
    return result
