"""Load profiles for Vigil, for Debian's python3-locust (2.12), run headless against a local stack.

    perf/run-load.sh --profile mixed                    # starts the stack, runs, prints a markdown summary
    locust -f perf/locustfile.py --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:8080 PlatformUser

Name the user classes to run (without names Locust runs every class in this file):

  PlatformUser     the main profile: a realistic mix through the gateway with weights and tags
                   (analyze: small/medium/large/gzip/formats; parse; health; formats)
  AnalyzeUser      POST /api/v1/logs/analyze with logs of several sizes and formats
  ParseStreamUser  POST /api/v1/logs/parse, NDJSON read as it streams back
  HealthPollUser   GET /api/v1/health, /api/v1/health/checks[/{name}] and the gateway's readiness, paced
  SmokeUser        routes that exist on every build: GET /api/v1/logs/formats through the gateway and
                   POST /v1/analyze and /v1/parse straight to logparse-service (VIGIL_LOGPARSE_URL)

Tags select tasks within classes: --tags analyze parse health formats small medium large gzip.

Every response is checked: status, content type and body against what the generated log must give (format,
line and record counts, levels, HTTP status classes); a wrong answer is a failure, not a success.

Environment:
  VIGIL_API_KEY         API key for the gateway (none: the local profile runs with auth off)
  VIGIL_AUTH_SCHEME     x-api-key (default: X-API-Key header) or bearer (Authorization: Bearer)
  VIGIL_LOGPARSE_URL    logparse-service base URL for SmokeUser (default http://127.0.0.1:8082)
  VIGIL_HEALTH_CHECKS   comma-separated check names for /api/v1/health/checks/{name} (default logparse)
  VIGIL_LOAD_SIZES      lines in the small, medium and large logs (default 200,20000,200000)

With --csv PREFIX, Locust 2.12 rewrites PREFIX_stats.csv once a second and not again at exit, so it can miss
the last second of the run; this file also writes PREFIX_final_stats.csv and PREFIX_final_failures.csv (same
columns) from the final numbers when Locust quits. perf/run-load.sh reads those.
"""
import csv
import gzip
import json
import os
import random
import time

from locust import HttpUser, between, constant_pacing, events, tag
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

API_KEY = os.environ.get("VIGIL_API_KEY", "")
AUTH_SCHEME = os.environ.get("VIGIL_AUTH_SCHEME", "x-api-key").lower()
LOGPARSE_URL = os.environ.get("VIGIL_LOGPARSE_URL", "http://127.0.0.1:8082").rstrip("/")
HEALTH_CHECKS = [name for name in os.environ.get("VIGIL_HEALTH_CHECKS", "logparse").split(",") if name]
SMALL, MEDIUM, LARGE = (int(n) for n in os.environ.get("VIGIL_LOAD_SIZES", "200,20000,200000").split(","))

FORMAT_NAMES = {"common", "combined", "nginx-error", "apache-error", "syslog-rfc3164", "syslog-rfc5424",
                "logfmt", "json", "log4j", "python", "klog", "logcat", "text"}
HEALTH_STATUSES = {"pass": 200, "warn": 200, "fail": 503}


def auth_headers():
    if not API_KEY:
        return {}
    if AUTH_SCHEME == "bearer":
        return {"Authorization": f"Bearer {API_KEY}"}
    return {"X-API-Key": API_KEY}


@events.quitting.add_listener
def write_final_csv(environment, **_kwargs):
    prefix = getattr(environment.parsed_options, "csv_prefix", None)
    if not prefix or environment.stats is None:
        return
    writer = StatsCSV(environment, PERCENTILES_TO_REPORT)
    with open(f"{prefix}_final_stats.csv", "w", newline="", encoding="utf-8") as file:
        writer.requests_csv(csv.writer(file))
    with open(f"{prefix}_final_failures.csv", "w", newline="", encoding="utf-8") as file:
        writer.failures_csv(csv.writer(file))


# ---- generated logs with the answers they must produce ------------------------------------------------

class LogSample:
    """A generated log and what an analysis of it must report."""

    def __init__(self, name, fmt, text, records, levels=None, status_classes=None):
        self.name = name
        self.format = fmt
        self.body = text.encode("utf-8")
        self.lines = text.count("\n")
        self.records = records
        self.levels = levels
        self.status_classes = status_classes

    def gzipped(self):
        return gzip.compress(self.body, compresslevel=1)

    def check_summary(self, summary):
        """None when the analysis is right, else what is wrong."""
        lines = summary.get("lines") or {}
        wrong = []
        if summary.get("format") != self.format:
            wrong.append(f"format {summary.get('format')!r}, expected {self.format!r}")
        if lines.get("total") != self.lines or lines.get("malformed") != 0:
            wrong.append(f"lines {lines}, expected total {self.lines} and none malformed")
        if lines.get("records", self.records) != self.records:
            wrong.append(f"records {lines.get('records')}, expected {self.records}")
        if self.levels is not None and summary.get("levels") != self.levels:
            wrong.append(f"levels {summary.get('levels')}, expected {self.levels}")
        if self.status_classes is not None:
            http = summary.get("http") or {}
            if http.get("statusClasses") != self.status_classes or http.get("requests") != self.lines:
                wrong.append(f"http {http.get('requests')} requests {http.get('statusClasses')}, "
                             f"expected {self.lines} {self.status_classes}")
        return "; ".join(wrong) or None


def _clock(i):
    return f"{10 + i // 3600 % 14:02d}:{i // 60 % 60:02d}:{i % 60:02d}"


def combined_log(n):
    statuses = (200, 200, 200, 200, 304, 301, 404, 404, 500, 503)
    classes = {"2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0}
    out = []
    for i in range(n):
        status = statuses[i % len(statuses)]
        classes[f"{status // 100}xx"] += 1
        out.append(f'10.{i % 3}.{i % 251}.{i % 13 + 1} - - [14/Mar/2026:{_clock(i)} +0000] '
                   f'"GET /shop/item/{i % 97}?ref={i} HTTP/1.1" {status} {512 + i % 4096} '
                   f'"https://example.org/p{i % 7}" "Mozilla/5.0 (X11; Linux x86_64) load-test/{i % 5}"\n')
    return LogSample(f"combined {n} lines", "combined", "".join(out), n, status_classes=classes)


def json_log(n):
    levels = ("info", "info", "info", "warn", "error", "debug")
    counts = {}
    out = []
    for i in range(n):
        level = levels[i % len(levels)]
        counts[level.upper()] = counts.get(level.upper(), 0) + 1
        out.append(json.dumps({"ts": f"2026-03-14T{_clock(i)}Z", "level": level, "logger": "shop.checkout",
                               "msg": f"order {i} processed", "durationMs": i % 250}) + "\n")
    return LogSample(f"json {n} lines", "json", "".join(out), n, levels=counts)


def logfmt_log(n):
    levels = ("info", "warn", "info", "error")
    counts = {}
    out = []
    for i in range(n):
        level = levels[i % len(levels)]
        counts[level.upper()] = counts.get(level.upper(), 0) + 1
        out.append(f'ts=2026-03-14T{_clock(i)}Z level={level} msg="request {i}" path=/api/{i % 9} '
                   f'duration_ms={i % 80}\n')
    return LogSample(f"logfmt {n} lines", "logfmt", "".join(out), n, levels=counts)


def syslog_log(n):
    out = [f"<165>1 2026-03-14T{_clock(i)}.000Z web{i % 3:02d} shop 4242 ID47 - request {i} done\n"
           for i in range(n)]
    return LogSample(f"syslog-rfc5424 {n} lines", "syslog-rfc5424", "".join(out), n, levels={"INFO": n})


def log4j_log(records):
    """Every fifth record is an ERROR with a three-line stack trace folded into it."""
    out = []
    errors = 0
    for i in range(records):
        if i % 5 == 4:
            errors += 1
            out.append(f"2026-03-14 {_clock(i)},123 ERROR [worker-{i % 4}] com.example.shop.Checkout - order {i} failed\n"
                       f"java.lang.IllegalStateException: payment declined for order {i}\n"
                       f"\tat com.example.shop.Checkout.pay(Checkout.java:87)\n"
                       f"\tat com.example.shop.Checkout.run(Checkout.java:42)\n")
        else:
            out.append(f"2026-03-14 {_clock(i)},123 INFO  [worker-{i % 4}] com.example.shop.Checkout - order {i} ok\n")
    levels = {"INFO": records - errors, "ERROR": errors} if errors else {"INFO": records}
    return LogSample(f"log4j {records} records", "log4j", "".join(out), records, levels=levels)


_SAMPLES = {}


def sample(kind, size):
    """The generated log of that kind and size, made once per process."""
    key = (kind, size)
    if key not in _SAMPLES:
        _SAMPLES[key] = {"combined": combined_log, "json": json_log, "logfmt": logfmt_log,
                         "syslog": syslog_log, "log4j": log4j_log}[kind](size)
    return _SAMPLES[key]


SMALL_KINDS = ("combined", "json", "logfmt", "syslog", "log4j")


# ---- checks shared by the user classes ---------------------------------------------------------------

def http_failure(response):
    """What went wrong, without per-request details (request ids), so equal failures group in the report."""
    if response.status_code == 0:
        return f"no response: {response.error}"
    problem = json_body(response) if "json" in response.headers.get("Content-Type", "") else None
    if isinstance(problem, dict) and "detail" in problem:
        return f"HTTP {response.status_code}: {str(problem['detail'])[:160]}"
    return f"HTTP {response.status_code}: {response.text[:160]}"


def json_body(response):
    try:
        return response.json()
    except ValueError:
        return None


def analyze(user, url, log, name, gzipped=False):
    headers = {"Content-Type": "text/plain", **auth_headers()}
    body = log.body
    if gzipped:
        headers["Content-Encoding"] = "gzip"
        body = log.gzipped()
    with user.client.post(url, data=body, headers=headers, name=name, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(http_failure(response))
            return
        summary = json_body(response)
        wrong = log.check_summary(summary) if isinstance(summary, dict) else "body is not a JSON object"
        if wrong:
            response.failure(f"{log.name}: {wrong}")


def parse_stream(user, url, log, name):
    """Reads the NDJSON as it arrives; reports the time to the first record and to the last as extra rows."""
    headers = {"Content-Type": "text/plain", **auth_headers()}
    started = time.perf_counter()
    first_record_ms = None
    records = 0
    last_line = 0
    wrong = None
    with user.client.post(url, data=log.body, headers=headers, name=name, stream=True,
                          catch_response=True) as response:
        if response.status_code != 200:
            response.failure(http_failure(response))
            return
        if not response.headers.get("Content-Type", "").startswith("application/x-ndjson"):
            response.failure(f"Content-Type {response.headers.get('Content-Type')!r}, expected application/x-ndjson")
            return
        for raw in response.iter_lines():
            if not raw:
                continue
            if first_record_ms is None:
                first_record_ms = (time.perf_counter() - started) * 1000
            record = json.loads(raw)
            records += 1
            if "error" in record or record.get("line", 0) <= last_line:
                wrong = wrong or f"record {records}: {raw[:160]!r}"
            last_line = record.get("line", last_line)
        if records != log.records:
            wrong = wrong or f"{records} records, expected {log.records}"
        if wrong:
            response.failure(f"{log.name}: {wrong}")
            return
    fire = user.environment.events.request.fire
    fire(request_type="STREAM", name=f"{name} first record", response_time=first_record_ms or 0,
         response_length=0, exception=None, context={})
    fire(request_type="STREAM", name=f"{name} complete", response_time=(time.perf_counter() - started) * 1000,
         response_length=len(log.body), exception=None, context={})


def formats(user, url, name):
    with user.client.get(url, headers=auth_headers(), name=name, catch_response=True) as response:
        body = json_body(response) if response.status_code == 200 else None
        names = {f.get("name") for f in (body or {}).get("formats", [])}
        if response.status_code != 200:
            response.failure(http_failure(response))
        elif names != FORMAT_NAMES:
            response.failure(f"formats {sorted(names)}, expected {sorted(FORMAT_NAMES)}")


def health(user, url, name):
    """200 with pass or warn, 503 with fail, always application/health+json: anything else is wrong."""
    with user.client.get(url, headers=auth_headers(), name=name, catch_response=True) as response:
        content_type = response.headers.get("Content-Type", "")
        status = (json_body(response) or {}).get("status") if content_type.startswith("application/") else None
        if not content_type.startswith("application/health+json"):
            response.failure(f"Content-Type {content_type!r}; {http_failure(response)}")
        elif HEALTH_STATUSES.get(status) != response.status_code:
            response.failure(f"HTTP {response.status_code} with status {status!r}")
        else:
            response.success()  # a 503 that says "fail" is a correct answer about an unhealthy platform


def readiness(user, name):
    with user.client.get("/observe/health/ready", name=name, catch_response=True) as response:
        if response.status_code != 200 or '"UP"' not in response.text:
            response.failure(http_failure(response))


# ---- tasks through the gateway (the public API) ------------------------------------------------------

ANALYZE = "/api/v1/logs/analyze"
PARSE = "/api/v1/logs/parse"


@tag("analyze", "small")
def analyze_small(user):
    kind = random.choice(SMALL_KINDS)
    analyze(user, ANALYZE, sample(kind, SMALL), f"POST {ANALYZE} [small {kind}]")


@tag("analyze", "medium")
def analyze_medium(user):
    kind = random.choice(("combined", "json"))
    analyze(user, ANALYZE, sample(kind, MEDIUM), f"POST {ANALYZE} [medium {kind}]")


@tag("analyze", "large")
def analyze_large(user):
    analyze(user, ANALYZE, sample("combined", LARGE), f"POST {ANALYZE} [large combined]")


@tag("analyze", "gzip")
def analyze_gzip(user):
    analyze(user, ANALYZE, sample("combined", MEDIUM), f"POST {ANALYZE} [medium combined gzip]", gzipped=True)


@tag("analyze", "formats")
def analyze_forced_format(user):
    analyze(user, f"{ANALYZE}?format=log4j&top=5", sample("log4j", SMALL), f"POST {ANALYZE}?format=log4j")


@tag("parse")
def parse_medium(user):
    kind = random.choice(("combined", "log4j"))
    parse_stream(user, PARSE, sample(kind, MEDIUM), f"POST {PARSE} [medium {kind}]")


@tag("health")
def platform_health(user):
    health(user, "/api/v1/health", "GET /api/v1/health")


@tag("health")
def health_checks(user):
    health(user, "/api/v1/health/checks", "GET /api/v1/health/checks")


@tag("health")
def health_check_by_name(user):
    health(user, f"/api/v1/health/checks/{random.choice(HEALTH_CHECKS)}", "GET /api/v1/health/checks/{name}")


@tag("health")
def gateway_ready(user):
    readiness(user, "GET /observe/health/ready")


@tag("formats")
def gateway_formats(user):
    formats(user, "/api/v1/logs/formats", "GET /api/v1/logs/formats")


class PlatformUser(HttpUser):
    """The main profile: what a team's tools and people do through the gateway, weighted."""

    wait_time = between(0.5, 2)
    tasks = {analyze_small: 8, analyze_medium: 3, analyze_large: 1, analyze_gzip: 1, analyze_forced_format: 1,
             parse_medium: 3, platform_health: 3, health_checks: 1, health_check_by_name: 1, gateway_formats: 2}


class AnalyzeUser(HttpUser):
    """Uploads logs of several sizes and formats for analysis, one after another."""

    wait_time = between(0.1, 0.5)
    tasks = {analyze_small: 6, analyze_medium: 3, analyze_large: 1, analyze_gzip: 1, analyze_forced_format: 1}


class ParseStreamUser(HttpUser):
    """Streams logs through /parse and reads the NDJSON records as they arrive."""

    wait_time = between(0.1, 0.5)
    tasks = [parse_medium]


class HealthPollUser(HttpUser):
    """A monitoring system polling the platform's health once a second."""

    wait_time = constant_pacing(1)
    tasks = {platform_health: 3, health_checks: 2, health_check_by_name: 1, gateway_ready: 1}


# ---- routes that exist on every build (the smoke test in ./platform test) -----------------------------

@tag("formats")
def smoke_formats(user):
    formats(user, "/api/v1/logs/formats", "GET /api/v1/logs/formats")


@tag("analyze")
def smoke_analyze(user):
    kind = random.choice(SMALL_KINDS)
    analyze(user, f"{LOGPARSE_URL}/v1/analyze", sample(kind, SMALL), f"POST logparse /v1/analyze [small {kind}]",
            gzipped=random.random() < 0.2)


@tag("parse")
def smoke_parse(user):
    kind = random.choice(("combined", "log4j"))
    parse_stream(user, f"{LOGPARSE_URL}/v1/parse", sample(kind, SMALL), f"POST logparse /v1/parse [small {kind}]")


class SmokeUser(HttpUser):
    """Exercises the routes every build has; gateway-only profiles above need the full gateway."""

    wait_time = between(0.05, 0.2)
    tasks = {smoke_formats: 2, smoke_analyze: 3, smoke_parse: 1}
