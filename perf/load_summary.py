#!/usr/bin/env python3
"""Markdown summary of a Locust run from its CSV files: per endpoint requests, failures, requests/s and
p50/p95/p99/max latency, then the failures. Reads PREFIX_final_stats.csv (written by perf/locustfile.py when
Locust quits, complete) or else PREFIX_stats.csv (Locust's own, which can miss the last second).

Usage: load_summary.py [--title TEXT] [--require-requests N] [--require-no-failures] PREFIX
Exit status: 0, or 1 when a --require-* condition does not hold (the numbers are still printed).
"""
import argparse
import csv
import pathlib
import sys

COLUMNS = ("Request Count", "Failure Count", "Requests/s", "50%", "95%", "99%", "Max Response Time")


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def stats_file(prefix):
    for suffix in ("_final_stats.csv", "_stats.csv"):
        path = pathlib.Path(f"{prefix}{suffix}")
        if path.is_file():
            return path
    raise FileNotFoundError(f"no {prefix}_final_stats.csv or {prefix}_stats.csv")


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def fmt(value, digits=0):
    return f"{number(value):.{digits}f}" if value not in (None, "", "N/A") else "-"


def row(name, stats):
    requests, failures = int(number(stats["Request Count"])), int(number(stats["Failure Count"]))
    share = f" ({100 * failures / requests:.1f}%)" if requests and failures else ""
    return (f"| {name} | {requests} | {failures}{share} | {fmt(stats['Requests/s'], 1)} | {fmt(stats['50%'])} | "
            f"{fmt(stats['95%'])} | {fmt(stats['99%'])} | {fmt(stats['Max Response Time'])} |")


def summary(prefix, title):
    path = stats_file(prefix)
    rows = read_rows(path)
    total = next((r for r in rows if r.get("Name") == "Aggregated"), None)
    endpoints = sorted((r for r in rows if r.get("Name") != "Aggregated"), key=lambda r: (r["Name"], r["Type"]))
    lines = [f"Load test: {title}" if title else "Load test", "",
             "| endpoint | requests | failures | req/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |",
             "|---|---|---|---|---|---|---|---|"]
    for stats in endpoints:
        name = stats["Name"] if stats["Type"] in stats["Name"] else f"{stats['Type']} {stats['Name']}"
        lines.append(row(name.replace("|", "\\|"), stats))
    if total:
        lines.append(row("**all**", total))
    failures_path = pathlib.Path(str(path).replace("_stats.csv", "_failures.csv"))
    failures = read_rows(failures_path) if failures_path.is_file() else []
    if failures:
        lines += ["", "| failed request | error | count |", "|---|---|---|"]
        for failure in failures:
            error = failure["Error"].replace("|", "\\|")[:200]
            name = failure["Name"]
            name = name if name.startswith(failure["Method"]) else f"{failure['Method']} {name}"
            lines.append(f"| {name} | {error} | {failure['Occurrences']} |")
    lines += ["", "STREAM rows: time to the first NDJSON record and to the last, of the POST just above them."
              if any(s["Type"] == "STREAM" for s in endpoints) else ""]
    return "\n".join(lines).rstrip() + "\n", total or {}


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix")
    parser.add_argument("--title", default="")
    parser.add_argument("--require-requests", type=int, default=0)
    parser.add_argument("--require-no-failures", action="store_true")
    args = parser.parse_args(argv)
    text, total = summary(args.prefix, args.title)
    print(text, end="")
    requests, failures = int(number(total.get("Request Count"))), int(number(total.get("Failure Count")))
    problems = []
    if requests < args.require_requests:
        problems.append(f"{requests} requests, expected at least {args.require_requests}")
    if args.require_no_failures and failures:
        problems.append(f"{failures} failed requests, expected none")
    for problem in problems:
        print(f"load summary: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
