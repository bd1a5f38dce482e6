"""Shared helpers of the reliability suite, in one place.

- Stack: the real services started with ./platform up on their own ports and run directory, with replicas when
  asked (instances named <service>-<i>, as ./platform names them); signals by pid.
- Redis: a real redis-server on a loopback port, started and stopped (by its pid) by the scenario that needs it.
- Load: a bounded loopback load generator (a fixed number of worker threads, keep-alive connections,
  a socket timeout on every request), which records every call with its outcome.
- exchange(): one raw HTTP/1.1 exchange over a socket, for requests no ordinary client would send.
- Tally and Result: outcome counts and the one-line result of a scenario.
- metric(), health(), process_kb(): what the services report about themselves.

Everything talks to 127.0.0.1 only and signals only the processes this suite started.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SERVICES = ("logparse-service", "health-service", "gateway")
PROBLEM_JSON = "application/problem+json"


def now():
    return time.monotonic()


def wait_until(predicate, timeout, interval=0.05):
    """Polls until predicate() is truthy; returns the seconds it took, or None when timeout passed."""
    start = now()
    while True:
        if predicate():
            return now() - start
        if now() - start >= timeout:
            return None
        time.sleep(interval)


def process_state(pid):
    """The process's state letter from /proc/<pid>/stat (R, S, T for stopped, ...), or None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2]


# ---------------------------------------------------------------------------------------------------- the stack


class Stack:
    """The three services as ./platform runs them, on ports base..base+2 with a run directory of their own; with
    replicas, instance i of a service on its port + 10*(i-1). A name is a service (its instance 1) or an instance
    (logparse-service-2)."""

    def __init__(self, gateway_port, run_dir, settings, replicas=None):
        self.ports = {"gateway": gateway_port, "health-service": gateway_port + 1,
                      "logparse-service": gateway_port + 2}
        self.replicas = {service: 1 for service in SERVICES}
        self.replicas.update(replicas or {})
        self.run_dir = Path(run_dir)
        self.env = dict(os.environ)
        self.env.update({"VIGIL_RUN_DIR": str(self.run_dir), "GATEWAY_PORT": str(gateway_port),
                         "HEALTH_PORT": str(gateway_port + 1), "LOGPARSE_PORT": str(gateway_port + 2)})
        for service, count in self.replicas.items():
            self.env[REPLICAS_VARIABLE[service]] = str(count)
        self.env.update(settings)

    def platform(self, *args, check=True):
        result = subprocess.run([str(ROOT / "platform"), *args], env=self.env, capture_output=True, text=True,
                                timeout=120, check=False)
        if check and result.returncode != 0:
            raise RuntimeError(f"./platform {' '.join(args)} failed ({result.returncode}): "
                               f"{result.stdout[-500:]}{result.stderr[-1000:]}")
        return result

    def up(self, *services):
        """Starts all services (or the named ones) and returns when each is ready."""
        self.platform("up", *services)

    def down(self, *services):
        self.platform("down", *services, check=False)

    def port(self, name):
        service, index = instance(name)
        return self.ports[service] + 10 * (index - 1)

    def instances(self, service):
        """The service's instance names, in order (logparse-service-1, logparse-service-2, ...)."""
        return [f"{service}-{index}" for index in range(1, self.replicas[service] + 1)]

    def pid(self, service):
        try:
            pid = int((self.run_dir / f"{file_stem(service)}.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        return pid

    def signal(self, service, sig):
        """Sends a signal to the service's JVM (its pid as ./platform recorded it); returns the pid.

        SIGSTOP returns once the kernel shows the process stopped, SIGKILL once it shows the process dead (a zombie has
        closed its sockets): signals are delivered asynchronously, and a scenario that times calls from the stop or
        the kill must not count a call that the process still served.
        """
        pid = self.pid(service)
        if pid is None:
            raise RuntimeError(f"{service} is not running")
        os.kill(pid, sig)
        if sig == signal.SIGSTOP:
            wait_until(lambda: process_state(pid) in ("T", None), 2.0, 0.001)
        elif sig == signal.SIGKILL:
            wait_until(lambda: process_state(pid) in ("Z", None), 5.0, 0.001)
        return pid

    def exit_status(self, service):
        """The JVM's exit status as ./platform's supervising shell recorded it, or None while it runs."""
        try:
            return int((self.run_dir / f"{file_stem(service)}.exit").read_text().strip())
        except (OSError, ValueError):
            return None

    def wait_exit(self, service, timeout):
        """Waits for the service to exit; returns its exit status (None when it was still running)."""
        wait_until(lambda: self.exit_status(service) is not None, timeout)
        return self.exit_status(service)

    def log(self, service):
        try:
            return (self.run_dir / f"{file_stem(service)}.log").read_text(errors="replace")
        except OSError:
            return ""

    def ready(self, service):
        answer = get(self.port(service), "/observe/health/ready", timeout=1)
        return answer.status == 200

    def process_kb(self, service, key="VmHWM"):
        """A memory figure of the service's JVM from /proc (VmHWM: peak resident set; VmRSS: now), in KiB."""
        pid = self.pid(service)
        if pid is None:
            return None
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return None


REPLICAS_VARIABLE = {"gateway": "GATEWAY_REPLICAS", "health-service": "HEALTH_SERVICE_REPLICAS",
                     "logparse-service": "LOGPARSE_REPLICAS"}


def instance(name):
    """(service, index) of a service name (its instance 1) or an instance name (logparse-service-2)."""
    if name in SERVICES:
        return name, 1
    service, _, index = name.rpartition("-")
    if service not in SERVICES or not index.isdigit() or int(index) < 1:
        raise ValueError(f"not a service or an instance of one: {name}")
    return service, int(index)


def file_stem(name):
    """The name of an instance's runtime files, as ./platform writes them: the service's for instance 1."""
    service, index = instance(name)
    return service if index == 1 else f"{service}-{index}"


class Redis:
    """A real redis-server on a loopback port, without persistence, daemonized with a pid file in `directory`;
    signalled and stopped by that pid only (other Redis servers on the machine are not ours)."""

    def __init__(self, port, directory):
        self.port = port
        self.directory = Path(directory)
        self.pid_file = self.directory / f"redis-{port}.pid"

    @property
    def uri(self):
        return f"redis://{HOST}:{self.port}"

    def start(self, timeout=15):
        self.directory.mkdir(parents=True, exist_ok=True)
        self.pid_file.unlink(missing_ok=True)
        subprocess.run(["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
                        "--daemonize", "yes", "--pidfile", str(self.pid_file), "--dir", str(self.directory),
                        "--logfile", str(self.directory / f"redis-{self.port}.log")],
                       check=True, capture_output=True, timeout=timeout)
        if wait_until(self.ping, timeout, 0.05) is None:
            self.stop()
            raise RuntimeError(f"redis-server on port {self.port} did not answer PING within {timeout} s")

    def ping(self):
        try:
            with socket.create_connection((HOST, self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def pid(self):
        """The daemon's pid while it is still our redis-server, else None."""
        try:
            pid = int(self.pid_file.read_text().strip())
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return None
        return pid if b"redis-server" in command and f":{self.port}".encode() in command else None

    def signal(self, sig):
        pid = self.pid()
        if pid is None:
            raise RuntimeError(f"redis-server on port {self.port} is not running")
        os.kill(pid, sig)

    def stop(self, timeout=10):
        """SIGTERM (SIGKILL after `timeout`); nothing when it is not running."""
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, 15)
        if wait_until(lambda: self.pid() is None, timeout) is None:
            os.kill(pid, 9)


# ---------------------------------------------------------------------------------------------- raw exchanges


@dataclass
class Answer:
    """What came back for one request: a status and body, or why there was none."""

    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    failure: str | None = None  # refused, reset, empty, hung, truncated, or an exception name
    elapsed: float = 0.0

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def problem(self):
        return (self.header("content-type") or "").startswith(PROBLEM_JSON)

    def json(self):
        return json_or_none(self.body)

    def describe(self):
        if self.status is None:
            return f"no answer ({self.failure}) after {self.elapsed:.2f} s"
        return f"HTTP {self.status} {self.header('content-type') or '-'} after {self.elapsed:.2f} s: " \
               f"{self.body[:160]!r}"


def json_or_none(data):
    try:
        return json.loads(data)
    except ValueError:
        return None


def failure_of(error):
    """Names a failed exchange the way the suite counts it."""
    if isinstance(error, http.client.RemoteDisconnected):
        return "empty"  # the connection closed before any response byte
    if isinstance(error, (ConnectionResetError, BrokenPipeError)):
        return "reset"
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, (socket.timeout, TimeoutError)):
        return "hung"
    if isinstance(error, http.client.IncompleteRead):
        return "truncated"
    return type(error).__name__


def read_answer(sock, start, max_body=8 << 20):
    """Reads one response from a connected socket (whose timeout bounds each read)."""
    response = http.client.HTTPResponse(sock)
    try:
        response.begin()
        headers = {name.lower(): value for name, value in reversed(response.getheaders())}
        body = response.read(max_body)
        return Answer(response.status, headers, body, None, now() - start)
    except (OSError, http.client.HTTPException) as error:
        return Answer(failure=failure_of(error), elapsed=now() - start)
    finally:
        response.close()


def exchange(port, request, timeout=10.0, send=None):
    """One raw HTTP exchange: sends request bytes (or lets send(sock) do the sending), reads the response.

    A failure while sending (the server answered early and closed) still reads whatever answer was sent.
    """
    start = now()
    try:
        sock = socket.create_connection((HOST, port), timeout=timeout)
    except OSError as error:
        return Answer(failure=failure_of(error), elapsed=now() - start)
    with sock:
        try:
            if send is not None:
                send(sock)
            else:
                sock.sendall(request)
        except (socket.timeout, TimeoutError):
            return Answer(failure="hung", elapsed=now() - start)
        except OSError:
            pass  # the answer (if any) is read below
        return read_answer(sock, start)


def get(port, path, headers=None, timeout=5.0):
    """A plain GET on a fresh connection."""
    head = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
    for name, value in (headers or {}).items():
        head += f"{name}: {value}\r\n"
    return exchange(port, (head + "\r\n").encode("latin-1"), timeout=timeout)


def post(port, path, body, headers=None, timeout=30.0):
    head = f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\nContent-Length: {len(body)}\r\n"
    for name, value in (headers or {}).items():
        head += f"{name}: {value}\r\n"
    return exchange(port, (head + "\r\n").encode("latin-1") + body, timeout=timeout)


def post_stream(port, path, chunks, timeout=120.0):
    """POST with a chunked body taken from an iterable of byte strings (nothing held whole)."""
    def send(sock):
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
                     "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".encode("latin-1"))
        for chunk in chunks:
            if chunk:
                sock.sendall(b"%x\r\n%b\r\n" % (len(chunk), chunk))
        sock.sendall(b"0\r\n\r\n")
    return exchange(port, None, timeout=timeout, send=send)


# ---------------------------------------------------------------------------------------------- what services say


def metric(port, name, **labels):
    """A value from a service's Prometheus text (first sample of that name whose labels include these)."""
    answer = get(port, "/observe/metrics", timeout=2)
    if answer.status != 200:
        return None
    return metric_in(answer.body.decode("utf-8", "replace"), name, **labels)


def metric_sum(text, name, **labels):
    """The sum of every sample of that name whose labels include these (e.g. over a label not given), 0 without any."""
    wanted = [f'{key}="{value}"' for key, value in labels.items()]
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith(name + "{") and all(label in line for label in wanted))


def metric_in(text, name, **labels):
    """A value from Prometheus text already fetched (first sample of that name whose labels include these)."""
    wanted = [f'{key}="{value}"' for key, value in labels.items()]
    for line in text.splitlines():
        if line.startswith(name + "{") and all(label in line for label in wanted):
            return float(line.rsplit(" ", 1)[1])
    return None


def health_status(port, path, check):
    """The status of one check of a health+json document ('pass', 'warn', 'fail'), or None."""
    document = get(port, path, timeout=3).json() or {}
    entries = document.get("checks", {}).get(check) or [{}]
    return entries[0].get("status")


# ---------------------------------------------------------------------------------------------- load


@dataclass(frozen=True)
class Route:
    """One kind of request the load generator sends."""

    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: tuple = ()


@dataclass
class Call:
    """One request the load generator made and what became of it."""

    route: str
    start: float
    end: float
    status: int | None
    failure: str | None
    problem: str | None  # the problem's type (e.g. urn:vigil:problem:upstream-busy) when the answer is problem+json
    retry_after: str | None
    port: int = 0        # the port it was sent to
    headers_at: float | None = None  # when the status line and headers had arrived (None: they did not)

    @property
    def elapsed(self):
        return self.end - self.start

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    @property
    def answered(self):
        """A response the service itself gave (any status, its own body), as opposed to a failure or a
        problem document of 500 or more (which is how a gateway or a dying service reports not answering)."""
        return self.status is not None and (self.problem is None or self.status < 500)

    @property
    def outcome(self):
        return "ok" if self.ok else str(self.status) if self.status is not None else self.failure


class Load:
    """A bounded load generator: `workers` threads, each sending the routes in turn on one keep-alive connection
    (reopened after a failure), `pause` seconds apart; every request has a socket timeout of `timeout` seconds,
    so no call waits longer than that for a byte. Every call is recorded. Given several ports, worker i sends to
    port i modulo their number."""

    def __init__(self, port, routes, workers, timeout, pause=0.0):
        self.ports = list(port) if isinstance(port, (list, tuple)) else [port]
        self.routes = list(routes)
        self.workers = workers
        self.timeout = timeout
        self.pause = pause
        self.calls = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = []

    def __enter__(self):
        self._threads = [threading.Thread(target=self._work, args=(i,), daemon=True) for i in range(self.workers)]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout + 5)

    def _work(self, index):
        connection = None
        turn = index
        port = self.ports[index % len(self.ports)]
        while not self._stop.is_set():
            route = self.routes[turn % len(self.routes)]
            turn += 1
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=self.timeout)
            call, keep = self._call(connection, route)
            with self._lock:
                self.calls.append(call)
            if not keep:
                connection.close()
                connection = None
            if self.pause:
                self._stop.wait(self.pause)
        if connection is not None:
            connection.close()

    def _call(self, connection, route):
        start = now()
        headers = dict(route.headers)
        headers_at = None
        try:
            connection.request(route.method, route.path, body=route.body, headers=headers)
            response = connection.getresponse()
            headers_at = now()
            body = response.read()
            problem = None
            if (response.getheader("Content-Type") or "").startswith(PROBLEM_JSON):
                problem = str((json_or_none(body) or {}).get("type", "problem+json without a type"))
            call = Call(route.name, start, now(), response.status, None, problem, response.getheader("Retry-After"),
                        connection.port, headers_at)
            return call, not response.will_close
        except (OSError, http.client.HTTPException) as error:
            # headers_at tells a call that never got its headers from one whose body stalled after them.
            return Call(route.name, start, now(), None, failure_of(error), None, None, connection.port, headers_at), False

    def snapshot(self):
        with self._lock:
            return list(self.calls)


class Poller:
    """GETs one path every `interval` seconds on fresh connections and records, for each, when it was sent
    (monotonic and wall-clock seconds) and its status or failure."""

    def __init__(self, port, path, interval=0.02):
        self.port = port
        self.path = path
        self.interval = interval
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)

    def _run(self):
        while not self._stop.is_set():
            sent, wall = now(), time.time()
            answer = get(self.port, self.path, timeout=1)
            self.samples.append((sent, wall, answer.status if answer.status is not None else answer.failure))
            self._stop.wait(self.interval)


# ---------------------------------------------------------------------------------------------- results


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Tally:
    """Outcome counts of a set of calls."""

    def __init__(self, calls, hung_after):
        self.calls = list(calls)
        self.counts = {}
        for call in self.calls:
            late = call.failure == "hung" or call.elapsed > hung_after
            key = "hung" if late else call.outcome
            self.counts[key] = self.counts.get(key, 0) + 1

    def count(self, outcome):
        return self.counts.get(outcome, 0)

    def others(self):
        """Outcomes besides the ones every result line names."""
        return {key: value for key, value in sorted(self.counts.items())
                if key not in ("ok", "503", "504", "hung")}

    def line(self, name, recovered):
        recovered_text = "-" if recovered is None else f"{recovered:.1f} s"
        text = (f"{name}: {len(self.calls)} requests, {self.count('ok')} ok, {self.count('503')} 503, "
                f"{self.count('504')} 504, {self.count('hung')} hung, recovered in {recovered_text}")
        extra = ", ".join(f"{value} {key}" for key, value in self.others().items())
        return text + (f" (also {extra})" if extra else "")


@dataclass
class Result:
    """The outcome of one scenario: its one-line summary, facts for the results table, and what failed."""

    name: str
    line: str = ""
    facts: str = ""
    failures: list = field(default_factory=list)

    def require(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition

    @property
    def passed(self):
        return not self.failures


def recovery(calls, since, routes=None):
    """Seconds from `since` until the start of the first successful call after which every call succeeded
    (only calls of the given routes); None when traffic never recovered."""
    relevant = sorted((c for c in calls if routes is None or c.route in routes), key=lambda c: c.start)
    recovered_at = None
    for call in relevant:
        if call.ok:
            if recovered_at is None and call.start >= since:
                recovered_at = call.start
        elif call.start >= since:
            recovered_at = None
    return None if recovered_at is None else max(0.0, recovered_at - since)


def still_healthy(stack, pids):
    """What is wrong, if anything: every service still the same process (no crash) and ready, the gateway serving."""
    result = []
    for service, pid in pids.items():
        if stack.pid(service) != pid:
            result.append(f"{service} is no longer process {pid} (exit status {stack.exit_status(service)})")
        elif not stack.ready(service):
            result.append(f"{service} is not ready")
    probe = get(stack.port("gateway"), "/api/v1/logs/formats")
    if probe.status != 200:
        result.append(f"GET /api/v1/logs/formats afterwards: {probe.describe()}")
    return result
