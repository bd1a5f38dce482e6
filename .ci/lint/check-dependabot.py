#!/usr/bin/env python3
"""Structural check of .github/dependabot.yml, offline.

No validator of the schema GitHub applies to this file works without a network here, so this checks the
mistakes that make GitHub reject the file or silently skip an update: the version, the keys of each entry,
the package ecosystems and schedule intervals GitHub accepts, directories, and duplicate entries.
Prints one line per problem; exit status 0 when there is none, 1 otherwise.
Usage: check-dependabot.py FILE
"""
import sys

import yaml

ECOSYSTEMS = {"bundler", "cargo", "composer", "devcontainers", "docker", "docker-compose", "dotnet-sdk", "elm",
              "github-actions", "gitsubmodule", "gomod", "gradle", "helm", "maven", "mix", "npm", "nuget", "pip",
              "pub", "swift", "terraform", "uv"}
INTERVALS = {"daily", "weekly", "monthly", "quarterly", "semiannually", "yearly", "cron"}
DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
UPDATE_KEYS = {"package-ecosystem", "directory", "directories", "schedule", "allow", "assignees", "commit-message",
               "cooldown", "groups", "ignore", "insecure-external-code-execution", "labels", "milestone",
               "open-pull-requests-limit", "pull-request-branch-name", "rebase-strategy", "registries",
               "reviewers", "target-branch", "vendor", "versioning-strategy", "exclude-paths"}
TOP_KEYS = {"version", "updates", "registries", "enable-beta-ecosystems", "multi-ecosystem-groups"}


def check_schedule(where, schedule):
    if not isinstance(schedule, dict):
        return [f"{where}.schedule: missing or not a mapping"]
    problems = []
    if schedule.get("interval") not in INTERVALS:
        problems.append(f"{where}.schedule.interval: {schedule.get('interval')!r} (expected: one of {sorted(INTERVALS)})")
    if "day" in schedule and schedule["day"] not in DAYS:
        problems.append(f"{where}.schedule.day: {schedule['day']!r} (expected: a weekday in lower case)")
    return problems


def check_update(index, update):
    where = f"updates[{index}]"
    if not isinstance(update, dict):
        return [f"{where}: not a mapping"]
    problems = [f"{where}.{key}: unknown key" for key in sorted(set(update) - UPDATE_KEYS)]
    if update.get("package-ecosystem") not in ECOSYSTEMS:
        problems.append(f"{where}.package-ecosystem: {update.get('package-ecosystem')!r} (expected: one of {sorted(ECOSYSTEMS)})")
    directories = [update["directory"]] if "directory" in update else update.get("directories") or []
    if not directories:
        problems.append(f"{where}: needs 'directory' or 'directories'")
    for directory in directories:
        if not isinstance(directory, str) or not directory.startswith("/"):
            problems.append(f"{where}.directory: {directory!r} (expected: a path from the repository root, starting with /)")
    problems += check_schedule(where, update.get("schedule"))
    for rule in update.get("ignore") or []:
        if not isinstance(rule, dict) or "dependency-name" not in rule:
            problems.append(f"{where}.ignore: every rule needs a dependency-name")
    return problems


def check(document):
    if not isinstance(document, dict):
        return ["the file is not a mapping"]
    problems = [f"{key}: unknown top-level key" for key in sorted(set(document) - TOP_KEYS)]
    if document.get("version") != 2:
        problems.append(f"version: {document.get('version')!r} (expected: 2)")
    updates = document.get("updates")
    if not isinstance(updates, list) or not updates:
        return problems + ["updates: missing or empty"]
    seen = set()
    for index, update in enumerate(updates):
        problems += check_update(index, update)
        if isinstance(update, dict):
            key = (update.get("package-ecosystem"), str(update.get("directory")), update.get("target-branch"))
            if key in seen:
                problems.append(f"updates[{index}]: a second entry for {key[0]} in {key[1]}")
            seen.add(key)
    return problems


def main(argv):
    if len(argv) != 2:
        print("usage: check-dependabot.py FILE", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as file:
        problems = check(yaml.safe_load(file))
    for problem in problems:
        print(f"{argv[1]}: {problem} [dependabot]")
    print(f"dependabot: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
