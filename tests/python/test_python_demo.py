"""examples/rag_demo.py runs end to end with --fast and exports what it did."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import host_exporter

from exporter_process import value

DEMO = os.path.join(os.environ.get("HX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                    "examples", "rag_demo.py")


class DemoTest(unittest.TestCase):
    def test_fast_demo_exports_its_queries(self):
        workdir = tempfile.mkdtemp(prefix="hx_demo_")
        self.addCleanup(shutil.rmtree, workdir, True)
        path = os.path.join(workdir, "rag_demo.prom")
        result = subprocess.run(
            [sys.executable, DEMO, "--fast", "--iterations", "40", "--seed", "7", "--export", path, "--serve", "0"],
            capture_output=True, text=True, timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        with open(path) as f:
            text = f.read()
        total = value(text, "rag_query_total")
        successes = value(text, "rag_query_success_total")
        errors = sum(v for name, _, v in host_exporter.parse_samples(text) if name == "rag_query_errors_total")
        self.assertEqual(total, 40)
        self.assertEqual(successes + errors, 40)
        self.assertGreater(successes, 0)
        self.assertEqual(value(text, "rag_cache_requests_total"), 40)
        self.assertIn("serving", result.stdout)


if __name__ == "__main__":
    unittest.main()
