"""The reliability suite: faults, graceful drain, hostile input and memory, against the real services; then replicas
(two logparse instances restarted in turn and one killed) and two gateways sharing their rate limits in Redis.

Usage: python3 tests/reliability/suite.py [--port 16180] [--soak N] [--only NAME ...] [--markdown FILE]

Each group of scenarios gets its own stack, started with ./platform up on ports PORT..PORT+2 (instance i of a service
10*(i-1) higher; Redis on PORT+5) and its own run directory, and stopped after the group. Each scenario prints one
line: 'scenario: N requests, N ok, N 503, N 504, 0 hung, recovered in X s'; the suite ends with
'reliability: N passed, N failed'. --markdown writes the results table for perf/RESULTS.md.
"""

import argparse
import sys
import time

import hostile
import replicas
import scenarios
from harness import ROOT, Redis, Stack

SINGLE = ("backend-loss", "slow-backend", "drain", "rolling-restart", "hostile-input", "memory")
REPLICATED = ("rolling-restart-replicas", "replica-killed")
GATEWAYS = ("shared-rate-limit",)
NAMES = SINGLE + REPLICATED + GATEWAYS


def single(stack, names, soak):
    log = scenarios.generated_log(500)
    plan = {
        "backend-loss": lambda: [scenarios.backend_loss(stack, log, soak)],
        "slow-backend": lambda: [scenarios.slow_backend(stack, log, soak)],
        "drain": lambda: [scenarios.graceful_drain(stack, service, log, soak)
                          for service in ("logparse-service", "health-service", "gateway")],
        "rolling-restart": lambda: [scenarios.rolling_restart(stack, log, soak)],
        "hostile-input": lambda: [hostile.hostile_input(stack, soak)],
        "memory": lambda: [scenarios.memory(stack, soak)],
    }
    return run(plan, names)


def replicated(stack, names, soak):
    plan = {
        "rolling-restart-replicas": lambda: [replicas.rolling_restart_replicas(stack, soak)],
        "replica-killed": lambda: [replicas.replica_killed(stack, soak)],
    }
    return run(plan, names)


def shared(stack, redis, names, soak):
    return run({"shared-rate-limit": lambda: [replicas.shared_rate_limit(stack, redis, soak)]}, names)


def run(plan, names):
    results = []
    for name in names:
        started = time.monotonic()
        for result in plan[name]():
            seconds = time.monotonic() - started
            print(f"  {'ok  ' if result.passed else 'FAIL'} {result.line}  [{seconds:.0f} s]", flush=True)
            if result.facts:
                print(f"       {result.facts}", flush=True)
            for failure in result.failures:
                print(f"       - {failure}", flush=True)
            results.append(result)
            started = time.monotonic()
    return results


def markdown(results, soak):
    lines = ["| scenario | result | facts | verdict |", "|---|---|---|---|"]
    for result in results:
        summary = result.line.split(": ", 1)[1] if ": " in result.line else result.line
        lines.append(f"| {result.name} | {summary} | {result.facts} | {'pass' if result.passed else 'FAIL'} |")
    lines.append("")
    lines.append(f"Soak factor {soak} (`./platform test` runs 1). Stack: `./platform up` with every heap at "
                 f"-Xmx160m, gateway->logparse deadline {scenarios.DEADLINE:g} s, bulkhead "
                 f"{scenarios.BULKHEAD}+{scenarios.QUEUE}; the replica scenarios on `LOGPARSE_REPLICAS=2 ./platform up` "
                 f"(its defaults), the shared rate limit on `GATEWAY_REPLICAS=2` with burst {replicas.BURST}, "
                 f"{replicas.PER_SECOND}/s and one redis-server.")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=16180, help="gateway port; the others follow (default 16180)")
    parser.add_argument("--soak", type=int, default=1, help="multiplies load durations and the big log (default 1)")
    parser.add_argument("--only", nargs="+", choices=NAMES, default=list(NAMES), help="scenarios to run")
    parser.add_argument("--markdown", help="write the results table to this file")
    args = parser.parse_args()

    run_dir = ROOT / "target" / "reliability" / "run"
    print(f"reliability suite (ports {args.port}-{args.port + 2}, +10 for second instances, Redis {args.port + 5}, "
          f"soak {args.soak}, run dir {run_dir})", flush=True)
    results = []
    wanted = [name for name in SINGLE if name in args.only]
    if wanted:
        results += with_stack(Stack(args.port, run_dir, scenarios.SETTINGS),
                              lambda stack: single(stack, wanted, args.soak))
    wanted = [name for name in REPLICATED if name in args.only]
    if wanted:
        print(f"  -- two logparse instances ({', '.join(f'{k}={v}' for k, v in replicas.REPLICAS.items())})", flush=True)
        results += with_stack(Stack(args.port, run_dir, replicas.SETTINGS, replicas.REPLICAS),
                              lambda stack: replicated(stack, wanted, args.soak))
    wanted = [name for name in GATEWAYS if name in args.only]
    if wanted:
        print(f"  -- two gateways on one redis-server (port {args.port + replicas.REDIS_OFFSET})", flush=True)
        redis = Redis(args.port + replicas.REDIS_OFFSET, run_dir)
        redis.start()
        try:
            results += with_stack(Stack(args.port, run_dir, replicas.limit_settings(redis), replicas.GATEWAYS),
                                  lambda stack: shared(stack, redis, wanted, args.soak))
        finally:
            redis.stop()
    failed = sum(not result.passed for result in results)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(markdown(results, args.soak))
    print(f"reliability: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def with_stack(stack, scenarios_of):
    """Starts the stack, runs the scenarios against it, and stops it whatever happens."""
    stack.down()
    stack.up()
    try:
        return scenarios_of(stack)
    finally:
        stack.down()


if __name__ == "__main__":
    sys.exit(main())
