"""Who wrote the metrics (job, instance), and no fake zeros (issue 17), in a process of its own: the
identity is set once per process."""

import math
import os
import shutil
import socket
import tempfile
import time
import unittest

import host_exporter
from host_exporter.rag import get_metrics

from exporter_process import value

HOST = socket.gethostname()


def exposition():
    return host_exporter.generate_latest().decode()


class IdentityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.metrics = get_metrics(job="rag", instance="blue")

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="hx_identity_")
        self.addCleanup(shutil.rmtree, self.workdir, True)

    def test_job_and_instance_are_set_once(self):
        self.assertEqual(self.metrics.job, "rag")
        self.assertEqual(self.metrics.instance, HOST + "/test_python_identity/blue")
        self.assertIs(get_metrics(), self.metrics)
        self.assertIs(get_metrics(job="rag", instance="blue"), self.metrics)  # a Streamlit re-run
        with self.assertRaisesRegex(ValueError, "set once"):
            get_metrics(job="other")
        with self.assertRaisesRegex(ValueError, "set once"):
            get_metrics(instance="green")

    def test_every_exported_series_carries_the_identity(self):
        self.metrics.record_query_error("Timeout")
        path = self.metrics.export(os.path.join(self.workdir, "app.prom"))
        with open(path) as f:
            text = f.read()
        self.assertFalse(text.startswith("# host_exporter-writer"), "a one-shot export names no writer")
        for name, labels, _ in host_exporter.parse_samples(text):
            self.assertEqual((labels.get("job"), labels.get("instance")),
                             ("rag", HOST + "/test_python_identity/blue"), name)
        self.assertEqual(value(text, "rag_query_errors_total", error_type="Timeout", job="rag"), 1)

    def test_default_file_is_one_per_application(self):
        self.assertEqual(os.path.basename(self.metrics.default_path()), "rag.test_python_identity.blue.prom")

    def test_auto_export_names_this_process_on_its_first_line(self):
        path = os.path.join(self.workdir, "auto.prom")
        self.metrics.start_auto_export(interval_s=3600, path=path)
        self.metrics.stop_auto_export()
        with open(path) as f:
            first_line = f.readline()
        self.assertTrue(first_line.startswith("# host_exporter-writer pid=%d " % os.getpid()), first_line)

    def test_last_update_time_is_written_with_each_export(self):
        before = time.time()
        with open(self.metrics.export(os.path.join(self.workdir, "t.prom"))) as f:
            updated = value(f.read(), "app_last_update_timestamp_seconds")
        self.assertGreaterEqual(updated, before - 1)
        self.assertLessEqual(updated, time.time() + 1)


class NoFakeZerosTest(unittest.TestCase):
    """The gauges do not exist before their first value (IdentityTest, which runs before, touches neither the
    cache nor retrievals)."""

    def test_ratio_and_average_gauges(self):
        metrics = get_metrics()
        text = exposition()
        self.assertIsNone(value(text, "rag_cache_hit_rate"), "no cache lookup yet: no hit rate, not 0")
        self.assertIsNone(value(text, "rag_retrieval_score_avg"), "no retrieval yet: no average, not 0")

        metrics.record_retrieval(num_documents=2, scores=[0.4, 0.6])
        self.assertAlmostEqual(value(exposition(), "rag_retrieval_score_avg"), 0.5)
        metrics.record_retrieval(num_documents=0, scores=[])
        self.assertTrue(math.isnan(value(exposition(), "rag_retrieval_score_avg")),
                        "an empty retrieval has no mean; the previous one must not stay")
        self.assertEqual(value(exposition(), "rag_retrieval_documents_count"), 2)

        metrics.record_cache_miss()
        self.assertEqual(value(exposition(), "rag_cache_hit_rate"), 0)
        metrics.record_cache_hit()
        self.assertEqual(value(exposition(), "rag_cache_hit_rate"), 0.5)


if __name__ == "__main__":
    unittest.main()
