#!/usr/bin/env python3
"""Checks that every metric the Prometheus rules use is one the running services publish.

Usage: alert_metrics.py RULES_FILE SCRAPE...

RULES_FILE is a PrometheusRule (deploy/k8s/components/monitoring/prometheusrule.yaml). Each SCRAPE is a URL of a
service's /observe/metrics (or a file holding such a page). Every metric name in every rule's `expr` must be published
by one of the scrapes, be recorded by a rule of the file (`record:`), or be one of the few names other exporters
publish (EXTERNAL). A name nobody publishes is an alert that can never fire: the script prints each with the rules
that use it and exits 1.
"""
import re
import sys
import urllib.request

import yaml

# Metrics the rules may use that no Vigil service publishes, with who does. Never a vigil_ name.
EXTERNAL = {
    "kube_pod_container_status_waiting_reason": "kube-state-metrics",
    "kube_pod_container_resource_limits": "kube-state-metrics",
    "container_memory_working_set_bytes": "the kubelet's cAdvisor",
}

# Keywords of the PromQL grammar that look like names, and the aggregation operators (which may be followed by a
# by/without clause before their parentheses).
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
            "inf", "nan", "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk",
            "topk", "quantile", "limitk", "limit_ratio"}
# Keywords followed by a list of label names in parentheses.
LABEL_LISTS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
NUMBER = re.compile(r"[0-9.][0-9A-Za-z.+-]*")


def _skip_string(text, i):
    """The index after the string literal that starts at text[i]."""
    quote = text[i]
    i += 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" and quote != "`" else 1
    return i + 1


def _skip_group(text, i, opening, closing):
    """The index after the group that starts at text[i] (strings inside may hold the closing character)."""
    depth = 0
    while i < len(text):
        char = text[i]
        if char in "\"'`":
            i = _skip_string(text, i)
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def metric_names(expr):
    """The metric names a PromQL expression selects, in order of appearance, without repeats."""
    names = []
    i = 0
    while i < len(expr):
        char = expr[i]
        if char in "\"'`":
            i = _skip_string(expr, i)
        elif char == "{":
            i = _skip_group(expr, i, "{", "}")
        elif char == "[":
            i = _skip_group(expr, i, "[", "]")
        elif char == "#":
            end = expr.find("\n", i)
            i = len(expr) if end < 0 else end
        elif char.isdigit() or (char == "." and i + 1 < len(expr) and expr[i + 1].isdigit()):
            i = NUMBER.match(expr, i).end()
        elif IDENTIFIER.match(expr, i):
            word = IDENTIFIER.match(expr, i).group(0)
            i += len(word)
            rest = expr[i:].lstrip()
            if word.lower() in LABEL_LISTS and rest.startswith("("):
                i = _skip_group(expr, expr.index("(", i), "(", ")")
            elif word.lower() in KEYWORDS or rest.startswith("("):
                continue  # a keyword, or a function or aggregation
            elif word not in names:
                names.append(word)
        else:
            i += 1
    return names


def rules(document):
    """(group, rule name, expr, recorded name or None) for every rule of a PrometheusRule document."""
    found = []
    for group in document["spec"]["groups"]:
        for rule in group["rules"]:
            name = rule.get("alert") or rule.get("record")
            found.append((group["name"], name, str(rule["expr"]), rule.get("record")))
    return found


def published(page):
    """The metric names of a Prometheus text page."""
    names = set()
    for line in page.splitlines():
        match = IDENTIFIER.match(line)
        if match and not line.startswith("#"):
            names.add(match.group(0))
    return names


def read(source):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=10) as response:  # noqa: S310 (a URL the caller gives)
            return response.read().decode("utf-8")
    with open(source, encoding="utf-8") as page:
        return page.read()


def unknown_names(document, pages):
    """Each name the rules use that no page publishes, no rule records and no other exporter publishes, with the
    rules that use it."""
    available = set(EXTERNAL)
    for page in pages:
        available |= published(page)
    found = rules(document)
    available |= {recorded for _, _, _, recorded in found if recorded}
    unknown = {}
    for _, name, expr, _ in found:
        for metric in metric_names(expr):
            if metric not in available:
                unknown.setdefault(metric, []).append(name)
    return unknown


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as file:
        document = yaml.safe_load(file)
    pages = [read(source) for source in argv[1:]]
    unknown = unknown_names(document, pages)
    found = rules(document)
    used = sorted({metric for _, _, expr, _ in found for metric in metric_names(expr)})
    for metric, users in sorted(unknown.items()):
        print(f"unknown metric {metric}, used by {', '.join(users)}", file=sys.stderr)
    if unknown:
        return 1
    print(f"{len(found)} rules use {len(used)} metric names; each is published by the running services, recorded by a "
          f"rule or published by {', '.join(sorted(set(EXTERNAL.values())))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
