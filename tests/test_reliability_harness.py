"""Unit tests of the reliability suite's shared helpers (tests/reliability/harness.py): counting outcomes,
the one-line result, recovery time, and raw exchanges against a tiny local server."""

import http.server
import sys
import threading
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "reliability"))

import harness  # noqa: E402  (found through the path above)
from harness import Call, Tally, exchange, recovery  # noqa: E402


def call(start, status=200, failure=None, elapsed=0.1, route="analyze"):
    return Call(route, start, start + elapsed, status, failure, None, None)


class TallyTest(unittest.TestCase):
    def test_the_line_names_the_counts_the_issue_asks_for_and_the_rest_in_brackets(self):
        calls = [call(0), call(1), call(2, 503), call(3, 504), call(4, 502), call(5, None, "reset")]
        self.assertEqual(Tally(calls, hung_after=5).line("demo", 1.25),
                         "demo: 6 requests, 2 ok, 1 503, 1 504, 0 hung, recovered in 1.2 s (also 1 502, 1 reset)")

    def test_a_call_slower_than_its_bound_or_timed_out_is_hung(self):
        tally = Tally([call(0, elapsed=9), call(1, None, "hung"), call(2)], hung_after=5)
        self.assertEqual(tally.count("hung"), 2)
        self.assertEqual(tally.count("ok"), 1)

    def test_no_recovery_is_a_dash(self):
        self.assertTrue(Tally([], 1).line("x", None).endswith("recovered in -"))


class RecoveryTest(unittest.TestCase):
    def test_recovery_is_the_first_success_after_which_nothing_failed(self):
        calls = [call(0, 502), call(1), call(2, 503), call(3), call(4)]
        self.assertEqual(recovery(calls, since=0.5), 2.5)

    def test_no_success_since_means_no_recovery(self):
        self.assertIsNone(recovery([call(0), call(1, 503)], since=0.5))

    def test_other_routes_are_ignored_when_asked(self):
        calls = [call(1), call(2, 503, route="health"), call(3)]
        self.assertEqual(recovery(calls, since=0, routes=("analyze",)), 1)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        body = b'{"type":"urn:x","status":404}'
        self.send_response(404)
        self.send_header("Content-Type", "application/problem+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ExchangeTest(unittest.TestCase):
    def setUp(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.port = self.server.server_address[1]

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_an_answer_is_read_with_its_status_headers_and_body(self):
        answer = harness.get(self.port, "/x")
        self.assertEqual(answer.status, 404)
        self.assertTrue(answer.problem)
        self.assertEqual(answer.json()["type"], "urn:x")

    def test_a_refused_connection_is_named(self):
        self.server.server_close()
        answer = exchange(self.port, b"GET / HTTP/1.1\r\n\r\n", timeout=1)
        self.assertIn(answer.failure, ("refused", "reset", "empty"))


if __name__ == "__main__":
    unittest.main()
