"""Tests of perf/load_summary.py, which turns Locust's CSV into the markdown the load runner prints."""
import contextlib
import importlib.util
import io
import pathlib
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("load_summary", ROOT / "perf" / "load_summary.py")
load_summary = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_summary)

HEADER = ("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
          "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
          "99.99%,100%\n")


def stats_row(kind, name, requests, failures, rps, p50, p95, p99, maximum):
    return (f"{kind},{name},{requests},{failures},{p50},{p50},1,{maximum},100,{rps},0,{p50},{p50},{p50},{p50},"
            f"{p95},{p95},{p99},{p99},{maximum},{maximum},{maximum}\n")


class LoadSummaryTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.prefix = pathlib.Path(directory.name) / "smoke"

    def write(self, suffix, text):
        pathlib.Path(f"{self.prefix}{suffix}").write_text(text, encoding="utf-8")

    def run_summary(self, *options):
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
            status = load_summary.main([*options, str(self.prefix)])
        return status, output.getvalue()

    def test_final_csv_is_preferred_and_rows_are_rendered(self):
        self.write("_stats.csv", HEADER + stats_row("GET", "GET /a", 1, 0, 1.0, 5, 9, 9, 9)
                   + stats_row("", "Aggregated", 1, 0, 1.0, 5, 9, 9, 9))
        self.write("_final_stats.csv", HEADER + stats_row("GET", "GET /a", 40, 0, 8.04, 5, 12, 20, 31)
                   + stats_row("STREAM", "POST /p complete", 10, 0, 2.0, 7, 9, 9, 9)
                   + stats_row("", "Aggregated", 50, 0, 10.0, 6, 12, 20, 31))
        self.write("_final_failures.csv", "Method,Name,Error,Occurrences\n")
        status, text = self.run_summary("--title", "profile `smoke`", "--require-requests", "20",
                                        "--require-no-failures")
        self.assertEqual(0, status)
        self.assertIn("| GET /a | 40 | 0 | 8.0 | 5 | 12 | 20 | 31 |", text)
        self.assertIn("| STREAM POST /p complete | 10 | 0 | 2.0 | 7 | 9 | 9 | 9 |", text)
        self.assertIn("| **all** | 50 | 0 | 10.0 | 6 | 12 | 20 | 31 |", text)

    def test_failures_are_listed_and_fail_the_requirement(self):
        self.write("_stats.csv", HEADER + stats_row("POST", "POST /x", 10, 2, 1.0, 5, 9, 9, 9)
                   + stats_row("", "Aggregated", 10, 2, 1.0, 5, 9, 9, 9))
        self.write("_failures.csv", "Method,Name,Error,Occurrences\nPOST,POST /x,HTTP 500: boom,2\n")
        status, text = self.run_summary("--require-no-failures")
        self.assertEqual(1, status)
        self.assertIn("| POST /x | 10 | 2 (20.0%) |", text)
        self.assertIn("| POST /x | HTTP 500: boom | 2 |", text)

    def test_too_few_requests_fail_the_requirement(self):
        self.write("_stats.csv", HEADER + stats_row("", "Aggregated", 3, 0, 1.0, 5, 9, 9, 9))
        self.assertEqual(1, self.run_summary("--require-requests", "20")[0])


if __name__ == "__main__":
    unittest.main()
