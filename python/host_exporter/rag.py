"""Metrics for a retrieval-augmented generation (RAG) application.

    from host_exporter.rag import get_metrics
    metrics = get_metrics()          # one per process, also across Streamlit re-runs;
                                     # get_metrics(job="rag", instance="blue") names it once
    try:
        with metrics.query_timer():  # counts rag_query_total, observes rag_query_duration_seconds
            response = query_engine.query(question)
            metrics.record_query_success()
            metrics.record_retrieval(num_documents=len(nodes), scores=[n.score for n in nodes])
    except Exception as e:
        metrics.record_query_error(type(e).__name__)
    metrics.start_auto_export()      # a long-running app; or export() (a batch script), push(), serve()

Identity: every export and push carries job (the application's name: the script's name
unless get_metrics(job=...) says otherwise, the same for export and push) and instance
("<host>/<script>[/<instance>]"), the same after a restart, so that two applications never
collide and a restarted one continues its own series. Two copies of one script on one
host need get_metrics(instance=...) to tell them apart.

Stale data: files from start_auto_export name their writer, and host_exporter leaves them
out once the process is gone (after --collector.textfile.writer-grace, 1 m). A one-shot
export() file stays, as a batch job's last results, with its time in
app_last_update_timestamp_seconds; --collector.textfile.max-age drops old ones.

Series (all in the process-wide registry, so generic metrics can sit beside them):
  rag_query_total                      queries timed (success or not)
  rag_query_success_total              queries the application called a success
  rag_query_errors_total{error_type}   errors by type; at most MAX_ERROR_TYPES distinct
                                       types, later new ones count as "other"
  rag_query_duration_seconds           histogram, QUERY_DURATION_BUCKETS (50 ms .. 120 s)
  rag_retrieval_documents              histogram of documents retrieved per query
  rag_retrieval_score                  histogram of every retrieved document's score
  rag_retrieval_score_avg              gauge: the mean score of the last retrieval; absent before
                                       the first retrieval, NaN when the last one had no scores
  rag_cache_hits_total, rag_cache_requests_total
  rag_cache_hit_rate                   gauge: hits / requests since the process started; absent
                                       before the first cache lookup (no fake 0 %)
  app_last_update_timestamp_seconds    gauge: when the metrics were last exported or pushed
"""

import atexit
import math
import os
import re
import sys
import threading
import time

from . import _host_exporter as _native

DEFAULT_PUSH_URL = "http://127.0.0.1:9101"  # host_exporter's own port serves the push API
DEFAULT_JOB = "rag"  # when the script has no name (python -c, an interactive session)
DEFAULT_SERVE_PORT = 9102
MAX_ERROR_TYPES = 50
OTHER_ERROR_TYPE = "other"

# LLM calls take from tens of milliseconds (a cache) to minutes (a long generation).
QUERY_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120]
RETRIEVAL_DOCUMENT_BUCKETS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100]
# Similarity scores, usually cosine in [0, 1]; other retrievers' scores land in +Inf.
RETRIEVAL_SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0]


def default_job():
    """The running script's name without its extension ("app" for app.py), else "rag"."""
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    name = os.path.splitext(script)[0]
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", name).strip(".")
    return name if name and name != "-c" else DEFAULT_JOB


class RagMetrics:
    """The RAG metrics of this process. Get it with get_metrics(); do not construct it."""

    def __init__(self, job=None, instance=None):
        self._lock = threading.Lock()
        # Process-wide and set once: the C++ side refuses a second, different identity.
        self.job, self.instance, self._file_stem = _native.set_app_identity(
            default_job(), job or "", instance or ""
        )
        self._given = (job, instance)
        self._queries = _native.Counter("rag_query_total", "RAG queries timed, whatever their outcome.")
        self._successes = _native.Counter("rag_query_success_total", "RAG queries that succeeded.")
        self._errors = _native.Counter(
            "rag_query_errors_total", "RAG queries that failed, by error type.", ["error_type"]
        )
        self._duration = _native.Histogram(
            "rag_query_duration_seconds", "Time to answer a RAG query.", buckets=QUERY_DURATION_BUCKETS
        )
        self._documents = _native.Histogram(
            "rag_retrieval_documents", "Documents retrieved per query.", buckets=RETRIEVAL_DOCUMENT_BUCKETS
        )
        self._scores = _native.Histogram(
            "rag_retrieval_score", "Score of each retrieved document.", buckets=RETRIEVAL_SCORE_BUCKETS
        )
        # The ratio and average gauges are created on their first value: before it, an
        # application without a cache must show "no data", not a 0 % hit rate.
        self._score_avg = None
        self._cache_hit_rate = None
        self._cache_hits = _native.Counter("rag_cache_hits_total", "Cache lookups that hit.")
        self._cache_requests = _native.Counter("rag_cache_requests_total", "Cache lookups.")
        self._last_update = _native.Gauge(
            "app_last_update_timestamp_seconds", "Unix time the application last exported or pushed its metrics."
        )
        self._query_timing = _native.TimerTargets(duration=self._duration, total=self._queries)
        self._cache_counts = [0, 0]  # hits, requests recorded through this object, for the rate
        self._error_children = {}
        self._auto_export = None  # (thread, stop event)
        self._atexit_registered = False

    # -- recording ---------------------------------------------------------------

    def query_timer(self):
        """A context manager: counts rag_query_total and observes rag_query_duration_seconds
        on exit, also when an exception leaves the block (then no success is counted,
        unless record_query_success() ran before it)."""
        return self._query_timing.timer()

    def record_query_success(self):
        self._successes.inc()

    def record_query_error(self, error_type="unknown"):
        """Counts an error under rag_query_errors_total{error_type}. The first
        MAX_ERROR_TYPES distinct types get their own series; later ones count as "other"."""
        key = str(error_type)[:100] or "unknown"
        child = self._error_children.get(key)
        if child is None:
            with self._lock:
                child = self._error_children.get(key)
                if child is None:
                    if len(self._error_children) >= MAX_ERROR_TYPES:
                        key = OTHER_ERROR_TYPE
                        child = self._error_children.get(key)
                    if child is None:
                        child = self._errors.labels(key)
                        self._error_children[key] = child
        child.inc()

    def record_retrieval(self, num_documents, scores=None):
        """One retrieval: the number of documents and their scores (None scores skipped).
        rag_retrieval_score_avg becomes the mean of these scores, NaN when there are none:
        an empty retrieval has no mean, and must not keep the previous one."""
        self._documents.observe(num_documents)
        known = [s for s in (scores or []) if s is not None]
        if known:
            self._scores.observe_many(known)
        with self._lock:
            if self._score_avg is None:
                self._score_avg = _native.Gauge(
                    "rag_retrieval_score_avg", "Mean score of the last retrieval; NaN when it had no scores."
                )
            self._score_avg.set(sum(known) / len(known) if known else math.nan)

    def record_cache_hit(self):
        self._record_cache(hit=True)

    def record_cache_miss(self):
        self._record_cache(hit=False)

    def _record_cache(self, hit):
        # Under the lock, so that the rate set last is the rate of the latest counts.
        with self._lock:
            counts = self._cache_counts
            counts[0] += hit
            counts[1] += 1
            if hit:
                self._cache_hits.inc()
            self._cache_requests.inc()
            if self._cache_hit_rate is None:
                self._cache_hit_rate = _native.Gauge(
                    "rag_cache_hit_rate", "Cache hits over cache lookups since the process started."
                )
            self._cache_hit_rate.set(counts[0] / counts[1])

    # -- getting the metrics out -------------------------------------------------

    def identity_labels(self, job=None):
        """{"job": ..., "instance": ...}: the labels every export and push of this process carries."""
        return {"job": job or self.job, "instance": self.instance}

    def default_path(self, job=None):
        """<textfile directory>/<job>.<script>[.<instance>].prom: one file per application."""
        stem = self._file_stem if job is None else job + self._file_stem[len(self.job):]
        return _native.default_textfile_path(stem)

    def export(self, path=None, job=None):
        """Writes every metric of the process once, atomically, to `path` (must end in
        .prom), by default default_path() where host_exporter's textfile collector reads
        it; every series carries job and instance (identity_labels). The file stays after
        the process ends (a batch script's last results): for a long-running application
        use start_auto_export, whose file goes with it. Returns the path."""
        self._last_update.set(time.time())
        if path is None:
            path = self.default_path(job)
            _native.write_textfile(path, create_directory=True, labels=self.identity_labels(job))
        else:
            _native.write_textfile(os.fspath(path), labels=self.identity_labels(job))
        return path

    def push(self, url=DEFAULT_PUSH_URL, job=None, grouping_key=None, method="PUT", timeout=10.0):
        """Pushes every metric of the process to host_exporter's push API (the default URL)
        or a Pushgateway, as group /metrics/job/<job>/instance/<instance> (the identity,
        as export() uses; grouping_key adds labels or replaces the instance). Raises
        host_exporter.PushError with the server's reason. A group stays until deleted or
        until the server's --push.ttl: push regularly, or give the server a TTL."""
        key = {"instance": self.instance}
        key.update(grouping_key or {})
        self._last_update.set(time.time())
        _native.push(url, job or self.job, key, method, timeout)

    def serve(self, port=DEFAULT_SERVE_PORT, addr="127.0.0.1"):
        """Serves every metric of the process on http://addr:port/metrics. A second call
        for the same address is a no-op. Returns the port (useful with port=0)."""
        return _native.start_http_server(port, addr).port

    def start_auto_export(self, interval_s=30, path=None, job=None):
        """Exports at once, then every `interval_s` seconds on a daemon thread, and once more at
        exit. The file names this process on its first line: host_exporter leaves it out once
        the process is gone (after --collector.textfile.writer-grace).
        A second call while it runs changes nothing. Returns the path written."""
        if interval_s <= 0:
            raise ValueError("interval_s must be > 0")
        create_directory = path is None  # the default directory may not exist yet
        if path is None:
            path = self.default_path(job)
        path = os.fspath(path)
        if not os.path.basename(path).endswith(".prom") or os.path.basename(path) == ".prom":
            raise ValueError("textfile name must end in .prom (the collector reads nothing else): " + path)
        with self._lock:
            if self._auto_export is not None and self._auto_export[0].is_alive():
                return self._auto_export[2]
            stop = threading.Event()
            thread = threading.Thread(
                target=self._auto_export_loop,
                args=(interval_s, path, create_directory, self.identity_labels(job), stop),
                name="host_exporter-auto-export",
                daemon=True,
            )
            self._auto_export = (thread, stop, path)
            if not self._atexit_registered:
                atexit.register(self.stop_auto_export)
                self._atexit_registered = True
            thread.start()
        return path

    def stop_auto_export(self):
        """Stops the auto-export thread after one last export (also run at exit)."""
        with self._lock:
            running, self._auto_export = self._auto_export, None
        if running is not None:
            running[1].set()
            running[0].join()

    def _auto_export_loop(self, interval_s, path, create_directory, labels, stop):
        warned = False
        stopping = False
        while True:
            try:
                self._last_update.set(time.time())
                # mark_writer: host_exporter leaves the file out once this process is gone.
                _native.write_textfile(path, create_directory=create_directory, labels=labels, mark_writer=True)
                warned = False
            except (OSError, ValueError, RuntimeError) as error:
                if not warned:  # once per failure streak, not every interval
                    print("host_exporter: auto-export to %s failed: %s" % (path, error), file=sys.stderr)
                    warned = True
            if stopping:
                return
            stopping = stop.wait(interval_s)


_STATE_KEY = "_rag_metrics"  # kept on the extension module, which importlib.reload never re-runs
_LOCK_KEY = "_rag_metrics_lock"


def get_metrics(job=None, instance=None):
    """The RagMetrics of this process, created on first use. Re-running the calling code
    (Streamlit) or reloading this module returns the same object.

    job (default: the script's name) and instance (added to "<host>/<script>" to tell two
    copies of one script apart) are set by the first call; a later call naming another
    job or instance raises ValueError, since the series would change their labels."""
    metrics = getattr(_native, _STATE_KEY, None)
    if metrics is None:
        lock = _native.__dict__.setdefault(_LOCK_KEY, threading.Lock())
        with lock:
            metrics = getattr(_native, _STATE_KEY, None)
            if metrics is None:
                metrics = RagMetrics(job, instance)
                setattr(_native, _STATE_KEY, metrics)
                return metrics
    given_job, given_instance = metrics._given
    if (job is not None and job != (given_job or metrics.job)) or (
        instance is not None and instance != given_instance
    ):
        raise ValueError(
            "get_metrics: this process is already job=%r instance=%r; job and instance are set once"
            % (metrics.job, metrics.instance)
        )
    return metrics
