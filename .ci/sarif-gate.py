#!/usr/bin/env python3
"""Security gate: reads the SARIF files of one scan run, prints a markdown summary, fails on high or critical.

Severity of a finding, in this order:
  1. Gitleaks: every finding is critical (a committed secret is exposed whatever its kind).
  2. `security-severity` (a CVSS-like score) of the result or its rule, GitHub's scale:
     >= 9.0 critical, >= 7.0 high, >= 4.0 medium, otherwise low. Trivy and Grype set it.
  3. Checkov without a score: "unrated" (open-source Checkov has no severities; they come from its paid
     API), reported but not blocking.
  4. Otherwise the SARIF level: error -> high, warning -> medium, note/none -> low (Semgrep's rule severity).
Suppressed results (SARIF `suppressions`) do not count. An expected category (file `<category>.sarif`)
that is missing or unreadable blocks too: a scanner that produced nothing has not shown the code clean.

Usage: sarif-gate.py [--markdown FILE] [--expect cat1,cat2 ...] DIRECTORY|FILE ...
Exit status: 0 clean, 1 blocking findings or missing results, 2 wrong use.
"""
import argparse
import json
import pathlib
import sys

SEVERITIES = ("critical", "high", "medium", "low", "unrated")
BLOCKING = ("critical", "high")
LEVELS = {"error": "high", "warning": "medium", "note": "low", "none": "low"}
MAX_LISTED = 50


def score_severity(score):
    if score >= 9.0:
        return "critical"
    if score >= 7.0:
        return "high"
    if score >= 4.0:
        return "medium"
    return "low"


def security_score(*property_bags):
    for bag in property_bags:
        value = (bag or {}).get("security-severity")
        if value is not None:
            try:
                return float(value)
            except (TypeError, ValueError):
                continue
    return None


def rules_of(run):
    driver = run.get("tool", {}).get("driver", {})
    rules = list(driver.get("rules") or [])
    for extension in run.get("tool", {}).get("extensions") or []:
        rules += extension.get("rules") or []
    return rules


def rule_for(result, rules, rules_by_id):
    index = result.get("ruleIndex")
    if isinstance(index, int) and 0 <= index < len(rules):
        return rules[index]
    return rules_by_id.get(result.get("ruleId"), {})


def classify(tool, result, rule):
    if tool.startswith("gitleaks"):
        return "critical"
    score = security_score(result.get("properties"), rule.get("properties"))
    if score is not None:
        return score_severity(score)
    if tool.startswith("checkov"):
        return "unrated"
    level = result.get("level") or rule.get("defaultConfiguration", {}).get("level") or "warning"
    return LEVELS.get(level, "medium")


def location_of(result):
    for location in result.get("locations") or []:
        physical = location.get("physicalLocation", {})
        uri = physical.get("artifactLocation", {}).get("uri")
        if uri:
            line = physical.get("region", {}).get("startLine")
            return f"{uri}:{line}" if line else uri
    return "-"


def findings_of(document):
    """Yields (tool, severity, rule id, location, message) for every unsuppressed result."""
    for run in document.get("runs") or []:
        tool = run.get("tool", {}).get("driver", {}).get("name", "unknown")
        rules = rules_of(run)
        rules_by_id = {rule.get("id"): rule for rule in rules}
        for result in run.get("results") or []:
            if result.get("suppressions"):
                continue
            rule = rule_for(result, rules, rules_by_id)
            message = (result.get("message", {}).get("text") or "").strip().splitlines()
            yield (tool, classify(tool.lower(), result, rule), result.get("ruleId") or rule.get("id") or "-",
                   location_of(result), message[0][:160] if message else "")


def sarif_files(paths):
    files = []
    for path in map(pathlib.Path, paths):
        files += sorted(path.rglob("*.sarif")) if path.is_dir() else [path]
    return files


def collect(files):
    """Per category: counts by severity and the findings; plus the categories that could not be read."""
    categories, unreadable = {}, {}
    for file in files:
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            unreadable[file.stem] = str(error)
            continue
        entry = categories.setdefault(file.stem, {"counts": dict.fromkeys(SEVERITIES, 0), "findings": []})
        for finding in findings_of(document):
            entry["counts"][finding[1]] += 1
            entry["findings"].append(finding)
    return categories, unreadable


def markdown(categories, unreadable, missing):
    blocking = [(c, f) for c, e in sorted(categories.items()) for f in e["findings"] if f[1] in BLOCKING]
    blocked = bool(blocking or unreadable or missing)
    lines = [f"## Security scan: {'blocked' if blocked else 'passed'}", ""]
    lines.append(f"{len(blocking)} high or critical finding(s) across {len(categories)} SARIF file(s).")
    lines += ["", "| scan | critical | high | medium | low | unrated |", "|---|---|---|---|---|---|"]
    for category, entry in sorted(categories.items()):
        lines.append(f"| {category} | " + " | ".join(str(entry["counts"][s]) for s in SEVERITIES) + " |")
    for category in sorted(missing):
        lines.append(f"| {category} | missing | | | | |")
    for category, error in sorted(unreadable.items()):
        lines.append(f"| {category} | unreadable: {error[:80]} | | | | |")
    if blocking:
        lines += ["", "### High and critical findings", "", "| severity | scan | tool | rule | where | message |",
                  "|---|---|---|---|---|---|"]
        for category, (tool, severity, rule, where, message) in blocking[:MAX_LISTED]:
            cell = message.replace("|", "\\|")
            lines.append(f"| {severity} | {category} | {tool} | `{rule}` | `{where}` | {cell} |")
        if len(blocking) > MAX_LISTED:
            lines.append(f"| ... | {len(blocking) - MAX_LISTED} more on the code scanning page | | | | |")
    lines += ["", "Severity: Gitleaks findings are critical; otherwise the SARIF `security-severity` score "
              "(>= 9 critical, >= 7 high), else the SARIF level (error = high); Checkov findings without a score "
              "are unrated and do not block."]
    return "\n".join(lines) + "\n", blocked


def main(argv):
    parser = argparse.ArgumentParser(description="Fail on high or critical SARIF findings.")
    parser.add_argument("paths", nargs="+", help="SARIF files or directories holding them")
    parser.add_argument("--markdown", help="also write the summary to this file")
    parser.add_argument("--expect", action="append", default=[],
                        help="comma-separated categories (file stems) that must be present")
    args = parser.parse_args(argv)
    categories, unreadable = collect(sarif_files(args.paths))
    expected = {name for group in args.expect for name in group.split(",") if name}
    missing = expected - set(categories) - set(unreadable)
    summary, blocked = markdown(categories, unreadable, missing)
    print(summary, end="")
    if args.markdown:
        pathlib.Path(args.markdown).write_text(summary, encoding="utf-8")
    return 1 if blocked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
