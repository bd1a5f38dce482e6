"""Tests of perf/bench_results.py, which writes a benchmark's output into its marked block of perf/RESULTS.md."""
import contextlib
import importlib.util
import io
import os
import pathlib
import stat
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_results", ROOT / "perf" / "bench_results.py")
bench_results = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_results)

RESULTS = """# Results

Prose before, kept as it is.

## startup

<!-- bench:startup -->
_Measured 2026-01-01 with `perf/startup.sh 5` (`./platform bench startup` rewrites this block) on: old._

| old | table |
<!-- /bench:startup -->

Prose between the blocks, kept too.

<!-- bench:health -->
| health | stays |
<!-- /bench:health -->
"""


class BenchResultsTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.dir = pathlib.Path(directory.name)
        self.results = self.dir / "RESULTS.md"
        self.output = self.dir / "output.md"

    def run_tool(self, name, command, output, *options):
        self.output.write_text(output, encoding="utf-8")
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            status = bench_results.main(["--results", str(self.results), "--name", name, "--command", command,
                                         "--java", 'openjdk version "25.0.1"', "--date", "2026-12-04", *options,
                                         str(self.output)])
        return status, errors.getvalue()

    def test_a_block_is_replaced_and_everything_else_is_left_as_it_was(self):
        self.results.write_text(RESULTS, encoding="utf-8")
        status, _ = self.run_tool("startup", "perf/startup.sh 5", "| new | table |\n")
        text = self.results.read_text(encoding="utf-8")
        self.assertEqual(status, 0)
        self.assertNotIn("| old | table |", text)
        self.assertIn("<!-- bench:startup -->\n_Measured 2026-12-04 with `perf/startup.sh 5` (`./platform bench startup` "
                      "rewrites this block) on: ", text)
        self.assertIn('openjdk version "25.0.1"._\n\n| new | table |\n<!-- /bench:startup -->\n', text)
        before, after = RESULTS.split("<!-- bench:startup -->")[0], RESULTS.split("<!-- /bench:startup -->\n")[1]
        self.assertTrue(text.startswith(before))
        self.assertTrue(text.endswith(after))
        self.assertEqual(text.count("<!-- bench:startup -->"), 1)

    def test_a_benchmark_without_a_block_gets_a_new_section_at_the_end(self):
        self.results.write_text(RESULTS, encoding="utf-8")
        status, _ = self.run_tool("fuzz", "perf/fuzz.sh", "fuzzed: no findings")
        text = self.results.read_text(encoding="utf-8")
        self.assertEqual(status, 0)
        self.assertTrue(text.startswith(RESULTS))
        self.assertTrue(text.endswith("<!-- /bench:health -->\n\n## fuzz\n\n<!-- bench:fuzz -->\n_Measured 2026-12-04 "
                                      "with `perf/fuzz.sh` (`./platform bench fuzz` rewrites this block) on: "
                                      + bench_results.machine_description('openjdk version "25.0.1"')
                                      + "._\n\nfuzzed: no findings\n<!-- /bench:fuzz -->\n"))

    def test_running_twice_gives_the_same_file(self):
        self.results.write_text(RESULTS, encoding="utf-8")
        self.run_tool("health", "perf/health.sh 10", "| once |\n")
        first = self.results.read_text(encoding="utf-8")
        self.run_tool("health", "perf/health.sh 10", "| once |\n")
        self.assertEqual(self.results.read_text(encoding="utf-8"), first)

    def test_a_block_without_its_end_marker_is_an_error_and_the_file_is_untouched(self):
        broken = "<!-- bench:startup -->\n| table |\n"
        self.results.write_text(broken, encoding="utf-8")
        status, errors = self.run_tool("startup", "perf/startup.sh 5", "| new |\n")
        self.assertEqual(status, 1)
        self.assertIn("has no <!-- /bench:startup --> after it", errors)
        self.assertEqual(self.results.read_text(encoding="utf-8"), broken)

    def test_a_missing_results_file_is_created_and_a_file_keeps_its_mode(self):
        status, _ = self.run_tool("startup", "perf/startup.sh 5", "| t |\n")
        self.assertEqual(status, 0)
        self.assertIn("## startup\n\n<!-- bench:startup -->", self.results.read_text(encoding="utf-8"))
        os.chmod(self.results, 0o664)
        self.run_tool("startup", "perf/startup.sh 5", "| u |\n")
        self.assertEqual(stat.S_IMODE(self.results.stat().st_mode), 0o664)

    def test_the_machine_line_names_cores_memory_and_java(self):
        line = bench_results.machine_description('openjdk version "25.0.1"')
        self.assertRegex(line, r"^\d+ cores, .+, \d+ GiB, openjdk version \"25.0.1\"$")


if __name__ == "__main__":
    unittest.main()
