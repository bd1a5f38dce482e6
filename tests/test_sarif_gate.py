"""Tests of .ci/sarif-gate.py, the security workflow's gate, on small SARIF documents shaped like each
scanner's output. Run by ./platform test: python3 -m unittest discover -s tests -p 'test_*.py'."""
import contextlib
import importlib.util
import io
import json
import pathlib
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("sarif_gate", ROOT / ".ci" / "sarif-gate.py")
gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gate)


def sarif(tool, results, rules=()):
    return {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": tool, "rules": list(rules)}},
                                          "results": list(results)}]}


def result(rule_id, level=None, uri="pom.xml", line=3, **extra):
    found = {"ruleId": rule_id, "message": {"text": f"{rule_id} found\nsecond line"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": line}}}]}
    if level:
        found["level"] = level
    found.update(extra)
    return found


def rule(rule_id, score=None, level=None):
    described = {"id": rule_id, "properties": {}}
    if score is not None:
        described["properties"]["security-severity"] = str(score)
    if level:
        described["defaultConfiguration"] = {"level": level}
    return described


class SarifGateTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.path = pathlib.Path(self.directory.name)

    def write(self, category, document):
        (self.path / f"{category}.sarif").write_text(json.dumps(document), encoding="utf-8")

    def run_gate(self, *extra):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            status = gate.main([*extra, str(self.path)])
        return status, output.getvalue()

    def test_scores_decide_for_vulnerability_scanners(self):
        self.write("trivy-fs", sarif("Trivy", [result("CVE-1"), result("CVE-2"), result("CVE-3")],
                                     [rule("CVE-1", 9.8), rule("CVE-2", 7.5), rule("CVE-3", 5.3)]))
        status, summary = self.run_gate()
        self.assertEqual(1, status)
        self.assertIn("| trivy-fs | 1 | 1 | 1 | 0 | 0 |", summary)
        self.assertIn("| critical | trivy-fs | Trivy | `CVE-1` | `pom.xml:3` | CVE-1 found |", summary)

    def test_medium_and_low_findings_pass(self):
        self.write("grype-maven", sarif("Grype", [result("GHSA-1"), result("GHSA-2")],
                                        [rule("GHSA-1", 6.1), rule("GHSA-2", 2.0)]))
        status, summary = self.run_gate()
        self.assertEqual(0, status)
        self.assertIn("## Security scan: passed", summary)

    def test_level_decides_without_a_score(self):
        self.write("semgrep", sarif("Semgrep OSS", [result("java.sqli", level="error")]))
        self.assertEqual(1, self.run_gate()[0])

    def test_rule_default_level_applies_when_the_result_has_none(self):
        self.write("semgrep", sarif("Semgrep OSS", [result("java.weak-hash")], [rule("java.weak-hash", level="note")]))
        status, summary = self.run_gate()
        self.assertEqual(0, status)
        self.assertIn("| semgrep | 0 | 0 | 0 | 1 | 0 |", summary)

    def test_every_gitleaks_finding_is_critical(self):
        self.write("gitleaks", sarif("gitleaks", [result("generic-api-key", level="warning")]))
        status, summary = self.run_gate()
        self.assertEqual(1, status)
        self.assertIn("| gitleaks | 1 | 0 | 0 | 0 | 0 |", summary)

    def test_checkov_without_scores_is_unrated_and_does_not_block(self):
        self.write("checkov", sarif("Checkov", [result("CKV_K8S_43", level="error")]))
        status, summary = self.run_gate()
        self.assertEqual(0, status)
        self.assertIn("| checkov | 0 | 0 | 0 | 0 | 1 |", summary)

    def test_suppressed_results_do_not_count(self):
        self.write("semgrep", sarif("Semgrep OSS", [result("x", level="error", suppressions=[{"kind": "inSource"}])]))
        self.assertEqual(0, self.run_gate()[0])

    def test_a_missing_expected_scan_blocks(self):
        self.write("trivy-fs", sarif("Trivy", []))
        status, summary = self.run_gate("--expect", "trivy-fs,gitleaks")
        self.assertEqual(1, status)
        self.assertIn("| gitleaks | missing |", summary)

    def test_an_unreadable_file_blocks(self):
        (self.path / "semgrep.sarif").write_text("{not json", encoding="utf-8")
        status, summary = self.run_gate()
        self.assertEqual(1, status)
        self.assertIn("| semgrep | unreadable:", summary)

    def test_markdown_file_is_written(self):
        self.write("trivy-config", sarif("Trivy", []))
        target = self.path / "out" / "summary.md"
        target.parent.mkdir()
        self.run_gate("--markdown", str(target))
        self.assertIn("| trivy-config | 0 | 0 | 0 | 0 | 0 |", target.read_text(encoding="utf-8"))


if __name__ == "__main__":
    unittest.main()
