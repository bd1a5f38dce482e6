"""Tests of tests/alert_metrics.py, which checks the Prometheus rules' metric names against a scrape."""
import contextlib
import importlib.util
import io
import pathlib
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("alert_metrics", ROOT / "tests" / "alert_metrics.py")
alert_metrics = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(alert_metrics)

RULES = ROOT / "deploy" / "k8s" / "components" / "monitoring" / "prometheusrule.yaml"


class MetricNamesTest(unittest.TestCase):
    def test_functions_keywords_labels_numbers_and_ranges_are_not_names(self):
        expr = """
            sum by (namespace, upstream) (rate(vigil_a_total{outcome=~"5xx|timeout", x="a{b}(c)"}[5m]))
            / on (namespace) group_left (pod)
            sum without (le) (rate(vigil_b_seconds_count[30m] offset 1h)) > bool (14.4 * 0.001)
            and ignoring (job) histogram_quantile(0.99, sum by (le) (rate(vigil_c_bucket[5m]))) > 1e3
            unless vigil:recorded:ratio_rate5m or absent(vigil_d) == Inf
        """
        self.assertEqual(alert_metrics.metric_names(expr),
                         ["vigil_a_total", "vigil_b_seconds_count", "vigil_c_bucket", "vigil:recorded:ratio_rate5m",
                          "vigil_d"])

    def test_a_bare_selector_and_an_aggregation_after_its_argument(self):
        self.assertEqual(alert_metrics.metric_names("max(vigil_x) by (check) == 2"), ["vigil_x"])
        self.assertEqual(alert_metrics.metric_names("vigil_y"), ["vigil_y"])

    def test_published_names_come_from_sample_lines(self):
        page = "# HELP x help\n# TYPE x counter\nx_total{a=\"1\",} 2.0\ny 1\n\nz_bucket{le=\"+Inf\"} 3\n"
        self.assertEqual(alert_metrics.published(page), {"x_total", "y", "z_bucket"})


class RulesFileTest(unittest.TestCase):
    def run_main(self, page):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as scrape:
            scrape.write(page)
        self.addCleanup(pathlib.Path(scrape.name).unlink)
        errors = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
            status = alert_metrics.main([str(RULES), scrape.name])
        return status, errors.getvalue()

    def test_every_vigil_name_the_rules_use_is_reported_when_nothing_publishes_it(self):
        status, errors = self.run_main("up 1\n")
        self.assertEqual(status, 1)
        for name in ("vigil_gateway_route_request_duration_seconds_count", "vigil_gateway_route_request_duration_seconds_bucket",
                     "vigil_gateway_upstream_circuit_state", "vigil_health_check_status", "vigil_logparse_rejections_total"):
            self.assertIn(f"unknown metric {name}, used by ", errors)
        self.assertNotIn("unknown metric vigil:route_errors", errors, "recorded by a rule of the file")
        self.assertNotIn("unknown metric kube_pod_container", errors, "published by kube-state-metrics")
        self.assertNotIn("unknown metric sum", errors)

    def test_a_scrape_that_has_every_name_passes(self):
        import yaml
        document = yaml.safe_load(RULES.read_text(encoding="utf-8"))
        names = {metric for _, _, expr, _ in alert_metrics.rules(document) for metric in alert_metrics.metric_names(expr)}
        status, errors = self.run_main("".join(f"{name} 1\n" for name in sorted(names)))
        self.assertEqual((status, errors), (0, ""))

    def test_external_names_are_never_vigil_names(self):
        self.assertFalse([name for name in alert_metrics.EXTERNAL if name.startswith("vigil")])


if __name__ == "__main__":
    unittest.main()
