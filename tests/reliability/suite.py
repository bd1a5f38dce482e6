"""The reliability suite: faults, graceful drain, hostile input and memory, against the real services.

Usage: python3 tests/reliability/suite.py [--port 16180] [--soak N] [--only NAME ...] [--markdown FILE]

Starts the stack with ./platform up on ports PORT..PORT+2 and its own run directory, runs each scenario
(each prints one line: 'scenario: N requests, N ok, N 503, N 504, 0 hung, recovered in X s'), stops the stack,
and ends with 'reliability: N passed, N failed'. --markdown writes the results table for perf/RESULTS.md.
"""

import argparse
import sys
import time

import hostile
import scenarios
from harness import ROOT, Stack

NAMES = ("backend-loss", "slow-backend", "drain", "rolling-restart", "hostile-input", "memory")


def run(stack, names, soak):
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
                 f"{scenarios.BULKHEAD}+{scenarios.QUEUE}.")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=16180, help="gateway port; the others follow (default 16180)")
    parser.add_argument("--soak", type=int, default=1, help="multiplies load durations and the big log (default 1)")
    parser.add_argument("--only", nargs="+", choices=NAMES, default=list(NAMES), help="scenarios to run")
    parser.add_argument("--markdown", help="write the results table to this file")
    args = parser.parse_args()

    stack = Stack(args.port, ROOT / "target" / "reliability" / "run", scenarios.SETTINGS)
    print(f"reliability suite (ports {args.port}-{args.port + 2}, soak {args.soak}, run dir {stack.run_dir})",
          flush=True)
    stack.down()
    stack.up()
    try:
        results = run(stack, args.only, args.soak)
    finally:
        stack.down()
    failed = sum(not result.passed for result in results)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(markdown(results, args.soak))
    print(f"reliability: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
