"""The RAG metrics leaving the process: export to a textfile that a real host_exporter
reads, push to a real host_exporter, and the in-process /metrics server."""

import gzip
import os
import shutil
import tempfile
import time
import unittest
import urllib.error

import host_exporter
from host_exporter.rag import get_metrics

from exporter_process import Exporter, free_port, http_get, value


def record_some_queries(metrics):
    """3 queries: 2 succeed (4 and 2 documents), 1 raises ValueError; 1 cache hit in 2."""
    for documents, fail in ((4, False), (2, False), (0, True)):
        try:
            with metrics.query_timer():
                if fail:
                    raise ValueError("no index")
                metrics.record_query_success()
                metrics.record_retrieval(num_documents=documents, scores=[0.5] * documents)
        except ValueError as e:
            metrics.record_query_error(type(e).__name__)
    metrics.record_cache_hit()
    metrics.record_cache_miss()


class OutputsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Every test here sees the same process-wide counts.
        cls.metrics = get_metrics()
        record_some_queries(cls.metrics)

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="hx_python_")
        self.addCleanup(shutil.rmtree, self.workdir, True)

    def check_rag_series(self, text, **labels):
        self.assertEqual(value(text, "rag_query_total", **labels), 3)
        self.assertEqual(value(text, "rag_query_success_total", **labels), 2)
        self.assertEqual(value(text, "rag_query_errors_total", error_type="ValueError", **labels), 1)
        self.assertEqual(value(text, "rag_query_duration_seconds_count", **labels), 3)
        self.assertEqual(value(text, "rag_retrieval_documents_sum", **labels), 6)
        self.assertEqual(value(text, "rag_retrieval_score_count", **labels), 6)
        self.assertEqual(value(text, "rag_retrieval_score_avg", **labels), 0.5)
        self.assertEqual(value(text, "rag_cache_hit_rate", **labels), 0.5)

    def test_export_is_read_by_the_textfile_collector(self):
        textfile_dir = os.path.join(self.workdir, "textfile")
        os.mkdir(textfile_dir)
        path = self.metrics.export(os.path.join(textfile_dir, "rag_app.prom"))
        self.assertEqual(path, os.path.join(textfile_dir, "rag_app.prom"))
        self.assertEqual(os.listdir(textfile_dir), ["rag_app.prom"])  # no temporary file left
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o644)
        with open(path) as f:
            self.check_rag_series(f.read())

        exporter = Exporter(self.workdir, ["--collector.textfile.directory=" + textfile_dir])
        self.addCleanup(exporter.stop)
        text = exporter.scrape()
        self.check_rag_series(text)
        self.assertEqual(value(text, "node_textfile_scrape_error"), 0)

    def test_export_refuses_a_name_without_prom(self):
        with self.assertRaisesRegex(ValueError, r"\.prom"):
            self.metrics.export(os.path.join(self.workdir, "rag.txt"))
        with self.assertRaisesRegex(ValueError, r"\.prom"):
            self.metrics.start_auto_export(path=os.path.join(self.workdir, "rag.txt"))

    def test_export_into_a_missing_directory_is_an_os_error(self):
        with self.assertRaises(OSError) as caught:
            self.metrics.export(os.path.join(self.workdir, "missing", "rag.prom"))
        self.assertIn("missing", str(caught.exception))

    def test_export_default_path_is_the_directory_host_exporter_reads_by_default(self):
        env = dict(os.environ, XDG_STATE_HOME=os.path.join(self.workdir, "state"))
        saved = os.environ.get("XDG_STATE_HOME")
        os.environ["XDG_STATE_HOME"] = env["XDG_STATE_HOME"]
        try:
            path = self.metrics.export(job="chat")
        finally:
            if saved is None:
                del os.environ["XDG_STATE_HOME"]
            else:
                os.environ["XDG_STATE_HOME"] = saved
        if os.uname().sysname == "Darwin":
            self.skipTest("macOS keeps state under ~/Library, not XDG_STATE_HOME")
        # <job>.<script>.prom: one file per application, whatever job it shares.
        self.assertEqual(path, os.path.join(self.workdir, "state", "host_exporter", "textfile",
                                            "chat.test_python_outputs.prom"))
        # No --collector.textfile.directory: the binary's default is the same rule.
        exporter = Exporter(self.workdir, env=env)
        self.addCleanup(exporter.stop)
        self.check_rag_series(exporter.scrape())

    def test_push_to_host_exporter(self):
        exporter = Exporter(self.workdir)
        self.addCleanup(exporter.stop)
        self.metrics.push(url=exporter.base, job="rag", grouping_key={"instance": "laptop/1", "app": "chat"})
        text = exporter.scrape()
        self.check_rag_series(text, job="rag", instance="laptop/1", app="chat")
        self.assertIsNotNone(value(text, "push_time_seconds", job="rag", instance="laptop/1"))

    def test_push_refusal_carries_status_and_reason(self):
        exporter = Exporter(self.workdir)
        self.addCleanup(exporter.stop)
        with self.assertRaises(host_exporter.PushError) as caught:
            self.metrics.push(url=exporter.base + "/not-here")
        self.assertEqual(caught.exception.status, 404)
        # The group is the identity's: the script's name as job, its instance in the grouping key.
        self.assertRegex(str(caught.exception),
                         r"/not-here/metrics/job/test_python_outputs/instance@base64/\S+ failed: HTTP 404")

        with self.assertRaises(host_exporter.PushError) as caught:
            self.metrics.push(url="http://127.0.0.1:%d" % free_port(), timeout=2)
        self.assertEqual(caught.exception.status, 0)
        self.assertIn("cannot connect", caught.exception.reason)

    def test_serve_twice_is_a_no_op_and_scrapes_work(self):
        port = self.metrics.serve(port=0)
        self.assertEqual(self.metrics.serve(port=0), port)
        self.assertEqual(self.metrics.serve(port=port), port)
        status, headers, body = http_get("http://127.0.0.1:%d/metrics" % port)
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/plain; version=0.0.4"))
        self.check_rag_series(body.decode())
        _, headers, body = http_get("http://127.0.0.1:%d/metrics" % port, {"Accept-Encoding": "gzip"})
        self.assertEqual(headers.get("Content-Encoding"), "gzip")
        self.check_rag_series(gzip.decompress(body).decode())

    def test_serve_on_a_busy_port_says_which(self):
        import socket

        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen(1)
            port = busy.getsockname()[1]
            with self.assertRaisesRegex(RuntimeError, "127.0.0.1:%d" % port):
                self.metrics.serve(port=port)

    def test_auto_export_is_idempotent_and_writes_at_stop(self):
        path = os.path.join(self.workdir, "auto.prom")
        self.assertEqual(self.metrics.start_auto_export(interval_s=0.05, path=path), path)
        other = os.path.join(self.workdir, "other.prom")
        self.assertEqual(self.metrics.start_auto_export(interval_s=0.05, path=other), path)  # already running
        deadline = time.monotonic() + 10
        while not os.path.exists(path) and time.monotonic() < deadline:
            time.sleep(0.01)
        self.metrics.stop_auto_export()
        self.assertFalse(os.path.exists(other))
        os.remove(path)
        self.metrics.stop_auto_export()  # idempotent
        self.metrics.start_auto_export(interval_s=3600, path=path)
        self.metrics.stop_auto_export()  # the last export happens at stop, not after an hour
        with open(path) as f:
            self.check_rag_series(f.read())


if __name__ == "__main__":
    unittest.main()
