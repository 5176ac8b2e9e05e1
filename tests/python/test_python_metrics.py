"""The generic metrics and the RAG recording API, in one process (no I/O)."""

import math
import threading
import unittest

import host_exporter
from host_exporter import Counter, Gauge, Histogram, Timer
from host_exporter import rag
from host_exporter.rag import get_metrics

from exporter_process import value


def scrape():
    return host_exporter.generate_latest().decode()


class GenericMetricsTest(unittest.TestCase):
    def test_creation_is_get_or_create(self):
        first = Counter("t_jobs_total", "Jobs.", ["queue"])
        first.labels("a").inc(2)
        again = Counter("t_jobs_total", "Other help is ignored.", ["queue"])
        again.labels(queue="a").inc()
        self.assertEqual(first.labels("a").value(), 3)
        self.assertEqual(value(scrape(), "t_jobs_total", queue="a"), 3)

    def test_mismatch_raises_value_error_with_the_reason(self):
        Counter("t_mismatch_total", "x")
        with self.assertRaisesRegex(ValueError, "t_mismatch_total.*counter"):
            Gauge("t_mismatch_total", "x")
        with self.assertRaises(ValueError):
            Counter("t_mismatch_total", "x", ["extra"])
        Histogram("t_latency_seconds", "x", buckets=[0.1, 1])
        with self.assertRaises(ValueError):
            Histogram("t_latency_seconds", "x", buckets=[0.1, 2])

    def test_invalid_uses_raise_value_error(self):
        with self.assertRaises(ValueError):
            Counter("t_no_suffix", "counters end in _total")
        with self.assertRaises(ValueError):
            Counter("t_negative_total").inc(-1)
        labelled = Gauge("t_labelled", "x", ["a", "b"])
        with self.assertRaises(ValueError):
            labelled.set(1)  # needs labels(...)
        with self.assertRaises(ValueError):
            labelled.labels("only-one")
        with self.assertRaises(ValueError):
            labelled.labels(a="1", c="2")

    def test_gauge_and_histogram(self):
        gauge = Gauge("t_queue_length", "x")
        gauge.set(5)
        gauge.inc(2)
        gauge.dec()
        self.assertEqual(gauge.value(), 6)
        histogram = Histogram("t_size_bytes", "x", buckets=[10, 100])
        histogram.observe(5)
        histogram.observe_many([50, None, 500])
        snapshot = histogram.snapshot()
        self.assertEqual(snapshot.buckets, [(10, 1), (100, 2), (float("inf"), 3)])
        self.assertEqual(snapshot.sum, 555)
        text = scrape()
        self.assertEqual(value(text, "t_size_bytes_bucket", le="100"), 2)
        self.assertEqual(value(text, "t_size_bytes_count"), 3)

    def test_timer_counts_outcomes_by_exception(self):
        duration = Histogram("t_step_seconds", "x")
        total = Counter("t_steps_total", "x")
        ok = Counter("t_steps_ok_total", "x")
        failed = Counter("t_steps_failed_total", "x")
        with Timer(duration=duration, total=total, succeeded=ok, failed=failed) as timer:
            self.assertGreaterEqual(timer.elapsed, 0)
        with self.assertRaises(KeyError):
            with Timer(duration=duration, total=total, succeeded=ok, failed=failed):
                raise KeyError("missing")
        self.assertEqual((total.value(), ok.value(), failed.value()), (2, 1, 1))
        self.assertEqual(duration.snapshot().count, 2)
        with duration.time():
            pass
        self.assertEqual(duration.snapshot().count, 3)

    def test_increments_from_threads_are_exact(self):
        counter = Counter("t_threads_total", "x")

        def work():
            for _ in range(10000):
                counter.inc()

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(counter.value(), 40000)

    def test_parse_samples_rejects_bad_text(self):
        with self.assertRaisesRegex(ValueError, "line 1"):
            host_exporter.parse_samples("bad metric line\n")


class RagMetricsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # test_error_types_are_capped fills the cap; the type the others use comes first.
        get_metrics().record_query_error("TimeoutError")

    def setUp(self):
        self.metrics = get_metrics()
        self.before = scrape()

    def delta(self, name, **labels):
        return (value(scrape(), name, **labels) or 0) - (value(self.before, name, **labels) or 0)

    def test_get_metrics_is_a_singleton(self):
        self.assertIs(get_metrics(), self.metrics)

    def test_successful_query(self):
        with self.metrics.query_timer():
            self.metrics.record_query_success()
            self.metrics.record_retrieval(num_documents=4, scores=[0.9, 0.8, 0.7, 0.6])
        self.assertEqual(self.delta("rag_query_total"), 1)
        self.assertEqual(self.delta("rag_query_success_total"), 1)
        self.assertEqual(self.delta("rag_query_duration_seconds_count"), 1)
        self.assertEqual(self.delta("rag_retrieval_documents_count"), 1)
        self.assertEqual(self.delta("rag_retrieval_documents_bucket", le="4"), 1)
        self.assertEqual(self.delta("rag_retrieval_documents_bucket", le="3"), 0)
        self.assertEqual(self.delta("rag_retrieval_score_count"), 4)
        self.assertEqual(self.delta("rag_retrieval_score_bucket", le="0.7"), 2)
        self.assertAlmostEqual(value(scrape(), "rag_retrieval_score_avg"), 0.75)

    def test_query_left_by_an_exception_counts_the_query_and_no_success(self):
        try:
            with self.metrics.query_timer():
                raise TimeoutError("LLM timed out")
                self.metrics.record_query_success()  # never reached
        except TimeoutError as e:
            self.metrics.record_query_error(type(e).__name__)
        self.assertEqual(self.delta("rag_query_total"), 1)
        self.assertEqual(self.delta("rag_query_success_total"), 0)
        self.assertEqual(self.delta("rag_query_duration_seconds_count"), 1)
        self.assertEqual(self.delta("rag_query_errors_total", error_type="TimeoutError"), 1)

    def test_retrieval_skips_missing_scores_and_an_empty_one_has_no_average(self):
        self.metrics.record_retrieval(num_documents=2, scores=[0.2, None])
        self.assertAlmostEqual(value(scrape(), "rag_retrieval_score_avg"), 0.2)
        # Issue 17: an empty retrieval kept the previous average; it has none (NaN, documented).
        self.metrics.record_retrieval(num_documents=0, scores=[])
        self.assertTrue(math.isnan(value(scrape(), "rag_retrieval_score_avg")))
        self.assertEqual(self.delta("rag_retrieval_score_count"), 1)
        self.assertEqual(self.delta("rag_retrieval_documents_count"), 2)

    def test_cache_hit_rate_is_hits_over_requests_since_start(self):
        for _ in range(3):
            self.metrics.record_cache_hit()
        self.metrics.record_cache_miss()
        text = scrape()
        hits = value(text, "rag_cache_hits_total")
        requests = value(text, "rag_cache_requests_total")
        self.assertEqual(self.delta("rag_cache_hits_total"), 3)
        self.assertEqual(self.delta("rag_cache_requests_total"), 4)
        self.assertAlmostEqual(value(text, "rag_cache_hit_rate"), hits / requests)

    def test_error_types_are_capped(self):
        for i in range(rag.MAX_ERROR_TYPES + 10):
            self.metrics.record_query_error("Error%d" % i)
        self.metrics.record_query_error("")
        text = scrape()
        types = {labels["error_type"] for name, labels, _ in host_exporter.parse_samples(text)
                 if name == "rag_query_errors_total"}
        self.assertEqual(len(types), rag.MAX_ERROR_TYPES + 1)  # the cap, plus "other"
        self.assertIn("other", types)
        self.assertGreaterEqual(value(text, "rag_query_errors_total", error_type="other"), 10)

    def test_default_job_is_the_script_name(self):
        import sys

        saved = sys.argv
        try:
            sys.argv = ["/srv/app/my chat-app.py"]
            self.assertEqual(rag.default_job(), "my_chat-app")
            sys.argv = ["-c"]
            self.assertEqual(rag.default_job(), "rag")
            sys.argv = [""]
            self.assertEqual(rag.default_job(), "rag")
        finally:
            sys.argv = saved


if __name__ == "__main__":
    unittest.main()
