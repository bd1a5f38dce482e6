#!/usr/bin/env python3
"""Writes one benchmark's output into perf/RESULTS.md (what `./platform bench` does after each benchmark).

The output goes between the markers <!-- bench:NAME --> and <!-- /bench:NAME -->, under a line with the date,
the command and the machine (cores, CPU, memory, Java). Everything outside the markers is left as it is; a
benchmark without markers yet gets a new `## NAME` section at the end. The file is replaced in one rename, so an
interrupted run never leaves half a file.

Usage: bench_results.py --results FILE --name NAME --command CMD [--java "java -version's first line"] OUTPUT
"""
import argparse
import datetime
import os
import pathlib
import stat
import sys
import tempfile


def machine_description(java):
    """Cores, CPU model, memory and Java of this machine, as one line."""
    cpu = "unknown CPU"
    memory = "unknown memory"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), cpu)
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = next((int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:")), None)
            if kib is not None:
                memory = f"{kib / 1048576:.0f} GiB"
    except OSError:
        pass
    parts = [f"{os.cpu_count()} cores", cpu, memory]
    if java:
        parts.append(java)
    return ", ".join(parts)


def block(name, command, output, machine, day):
    """The marked block of one benchmark: markers, the line saying when, how and where, then its output."""
    body = output if output.endswith("\n") else output + "\n"
    return (f"<!-- bench:{name} -->\n"
            f"_Measured {day} with `{command}` (`./platform bench {name}` rewrites this block) on: {machine}._\n"
            f"\n{body}"
            f"<!-- /bench:{name} -->\n")


def replace_block(text, name, new_block):
    """The results text with the block of `name` replaced by new_block, or new_block appended in a new section."""
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.rstrip("\n") == begin]
    if not starts:
        separator = "" if text.endswith("\n") or not text else "\n"
        return f"{text}{separator}\n## {name}\n\n{new_block}"
    start = starts[0]
    stop = next((i for i in range(start + 1, len(lines)) if lines[i].rstrip("\n") == end), None)
    if stop is None:
        raise ValueError(f"{begin} has no {end} after it")
    return "".join(lines[:start]) + new_block + "".join(lines[stop + 1:])


def write_atomically(path, text):
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     prefix=f".{path.name}.") as temporary:
        temporary.write(text)
    os.chmod(temporary.name, mode)
    os.replace(temporary.name, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, type=pathlib.Path, help="the results file (perf/RESULTS.md)")
    parser.add_argument("--name", required=True, help="the benchmark's name in ./platform's list")
    parser.add_argument("--command", required=True, help="the command that produced the output")
    parser.add_argument("--java", default="", help="the first line of `java -version`")
    parser.add_argument("--date", default=None, help="the day to write (default: today, UTC)")
    parser.add_argument("output", type=pathlib.Path, help="the benchmark's markdown output")
    args = parser.parse_args(argv)
    day = args.date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    try:
        text = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        new_text = replace_block(text, args.name,
                                 block(args.name, args.command, args.output.read_text(encoding="utf-8"),
                                       machine_description(args.java), day))
        write_atomically(args.results, new_text)
    except (OSError, ValueError) as error:
        print(f"bench_results: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
