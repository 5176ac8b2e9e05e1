#!/usr/bin/env python3
"""Several applications at once, as a RAG developer lives with them (issue 17), through the real stack:
host_exporter (the built binary) and Prometheus on loopback, and three kinds of application built on the
Python module (tests/integration/apps/rag_app.py, copied under each application's name):

  rag_web      long-running, start_auto_export every second, with a cache        -> killed with SIGKILL
  rag_chat     long-running, start_auto_export, no cache, last retrieval empty   -> restarted
  batch_index  a batch script: export() once, then exits                          -> its file stays, until max-age
  rag_pusher   exports once and pushes every second (urllib, the module's identity)

The tests run in order on one stack and check what Prometheus stores: no collision, the applications' own job and
instance, no double count, no fake zeros, the killed application's series gone after the writer grace, the
restarted one continuous, nothing stale after max-age, pushed groups listed and deleted with the binary.

Usage: test_multi_app.py --binary BUILD/src/cli/host_exporter   (PYTHONPATH: the built Python package;
  HX_PROMETHEUS or PATH: prometheus). Exits 77 (skipped) without prometheus.
"""

import argparse
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RULES = os.path.join(ROOT, "config", "monitoring", "rules")
APP = os.path.join(HERE, "apps", "rag_app.py")
WRITER_GRACE_S = 3
ARGS = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url, method="GET", timeout=5):
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read().decode("utf-8")


def answers(url):
    try:
        http(url, timeout=2)
        return True
    except OSError:
        return False


def wait_until(what, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


class MultiApp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="hx-multi-app-")
        cls.processes = []
        cls.host = socket.gethostname()
        # The module's default textfile directory, which the exporter is told to read.
        cls.env = dict(os.environ, XDG_STATE_HOME=os.path.join(cls.tmp, "state"), HOME=cls.tmp)
        cls.textfiles = os.path.join(cls.tmp, "state", "host_exporter", "textfile")
        os.makedirs(cls.textfiles)
        cls.apps = {}
        try:
            cls.exporter_port = free_port()
            cls.start_exporter()
            cls.start_prometheus()
            cls.start_app("rag_web", "--queries", "5", "--cache", "--auto-export", "1")
            cls.start_app("rag_chat", "--queries", "3", "--empty-retrieval", "--auto-export", "1")
            cls.start_app("batch_index", "--queries", "2", "--export-once", "--run-for", "0.1")
            cls.start_app("rag_pusher", "--queries", "4", "--cache", "--export-once",
                          "--push-url", cls.exporter_url)
            wait_until("every application's rag_query_total in Prometheus",
                       lambda: set(cls.values("rag_query_total")) >= set(cls.apps), 60)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for process in cls.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # -- the stack -----------------------------------------------------------------------------------------------

    @classmethod
    def spawn(cls, name, command, env=None):
        log = open(os.path.join(cls.tmp, name + ".log"), "ab")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env or cls.env)
        cls.processes.append(process)
        return process

    @classmethod
    def start_exporter(cls, *extra):
        cls.exporter_url = "http://127.0.0.1:%d" % cls.exporter_port
        cls.exporter = cls.spawn("host_exporter", [
            ARGS.binary, "--web.listen-address=127.0.0.1:%d" % cls.exporter_port, "--sampler.interval=1s",
            "--collector.textfile.directory=" + cls.textfiles,
            "--collector.textfile.writer-grace=%ds" % WRITER_GRACE_S, *extra])
        wait_until("host_exporter ready", lambda: answers(cls.exporter_url + "/metrics"), 20)

    @classmethod
    def start_prometheus(cls):
        port = free_port()
        cls.prometheus_url = "http://127.0.0.1:%d" % port
        config = os.path.join(cls.tmp, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}\n"
                    "rule_files: ['%s', '%s']\n" % (os.path.join(RULES, "recording.yml"),
                                                   os.path.join(RULES, "root_cause_note.yml")) +
                    "scrape_configs:\n"
                    "  - job_name: host\n    honor_labels: true\n"
                    "    static_configs: [{targets: ['127.0.0.1:%d']}]\n" % cls.exporter_port)
        cls.spawn("prometheus", [ARGS.prometheus, "--config.file=" + config,
                                 "--storage.tsdb.path=" + os.path.join(cls.tmp, "tsdb"),
                                 "--web.listen-address=127.0.0.1:%d" % port])
        wait_until("Prometheus ready", lambda: answers(cls.prometheus_url + "/-/ready"), 60)

    @classmethod
    def start_app(cls, name, *flags):
        script = os.path.join(cls.tmp, name + ".py")
        if not os.path.exists(script):
            shutil.copy(APP, script)
        cls.apps[name] = cls.spawn(name, [sys.executable, script, *flags])

    @classmethod
    def query(cls, promql):
        body = http(cls.prometheus_url + "/api/v1/query?" + urllib.parse.urlencode({"query": promql}))
        return json.loads(body)["data"]["result"]

    @classmethod
    def values(cls, promql):
        """{job: value} of an instant query (one series per job expected)."""
        return {r["metric"].get("job", ""): float(r["value"][1]) for r in cls.query(promql)}

    def exporter_metrics(self):
        return http(self.exporter_url + "/metrics")

    def binary(self, *args):
        return subprocess.run([ARGS.binary, *args], capture_output=True, text=True, timeout=30)

    # -- issue 17, row by row ------------------------------------------------------------------------------------

    def test_1_two_exporting_apps_do_not_collide(self):
        # Row 1: both files held unlabelled rag_* series; the second was dropped with an error at every scrape.
        self.assertEqual(self.values("rag_query_total"),
                         {"rag_web": 5, "rag_chat": 3, "batch_index": 2, "rag_pusher": 4})
        for r in self.query("rag_query_total"):
            self.assertEqual(r["metric"]["instance"], "%s/%s" % (self.host, r["metric"]["job"]))
        self.assertEqual(self.values("max_over_time(node_textfile_scrape_error[1m])"), {"host": 0})
        with open(os.path.join(self.tmp, "host_exporter.log")) as f:
            self.assertNotIn("level=error", f.read())

    def test_2_textfile_series_keep_the_apps_job_and_are_counted_once(self):
        # Row 4: textfile series got job="host"; export() plus push() double-counted.
        jobs = set(self.values("rag_query_total"))
        self.assertNotIn("host", jobs)
        duplicated = self.query('count by (__name__, job, instance, le, error_type) ({__name__=~"rag_.+"}) > 1')
        self.assertEqual(duplicated, [])
        # The RAG dashboard's "All": the pusher's 4 queries count once although exported and pushed.
        self.assertEqual(self.values('sum(rag_query_total{job=~".*", instance=~".*"})'), {"": 14})

    def test_3_ratio_and_average_gauges_are_absent_until_they_have_data(self):
        # Row 5: rag_cache_hit_rate 0 before any cache call; record_retrieval(0, []) kept the previous average.
        self.assertEqual(self.values("rag_cache_hit_rate"), {"rag_web": 0.5, "rag_pusher": 0.5})
        averages = self.values("rag_retrieval_score_avg")
        self.assertAlmostEqual(averages["rag_web"], 0.8)
        self.assertTrue(math.isnan(averages["rag_chat"]), averages)
        # The dashboard's expression shows "no data" for it.
        self.assertNotIn("rag_chat", self.values('rag_retrieval_score_avg{job=~".*"} > -Inf'))
        # Every application's last update, for the dashboard's "Last update".
        updated = self.values("max by (job, instance) (app_last_update_timestamp_seconds) * 1000")
        self.assertEqual(set(updated), set(self.apps))

    def test_4_push_and_export_share_the_job(self):
        # Row 6: push() used job="rag", export() the script's name.
        groups = json.loads(http(self.exporter_url + "/api/v1/metrics"))["data"]
        self.assertEqual([g["labels"] for g in groups],
                         [{"job": "rag_pusher", "instance": "%s/rag_pusher" % self.host}])
        listed = self.binary("push", "list", "--url", self.exporter_url)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("rag_pusher  %s/rag_pusher" % self.host, listed.stdout)

    def test_5_macos_names_from_the_root_cause_note(self):
        # Row 11: the note's dashboard names exist, from the host_* series.
        for name in ("macos_cpu_percent", "macos_memory_percent", "macos_swap_percent",
                     "macos_memory_available_bytes"):
            wait_until(name, lambda name=name: self.values(name).get("host") is not None, 20)

    def test_6_killed_app_goes_restarted_app_continues(self):
        # Row 2: a killed app's file was served for ever. Kill rag_web; restart rag_chat.
        wait_until("rag_chat stored for 6 s", lambda: self.values(
            'count_over_time(rag_query_total{job="rag_chat"}[6s])').get("rag_chat", 0) >= 5, 30)
        self.apps["rag_web"].send_signal(signal.SIGKILL)
        self.apps["rag_web"].wait(timeout=10)
        killed_at = time.monotonic()
        restarted_at = time.time()
        self.apps["rag_chat"].terminate()
        self.apps["rag_chat"].wait(timeout=10)
        self.start_app("rag_chat", "--queries", "3", "--empty-retrieval", "--auto-export", "1")

        wait_until("rag_web out of Prometheus", lambda: "rag_web" not in self.values("rag_query_total"), 30)
        self.assertGreaterEqual(time.monotonic() - killed_at, WRITER_GRACE_S - 1.5)  # not before the grace
        self.assertIn('host_textfile_dropped_files{reason="writer_gone"} 1', self.exporter_metrics())
        # The batch script's file stays: its last results are still there.
        self.assertEqual(self.values("rag_query_total").get("batch_index"), 2)
        # The restarted app is one series, continued: from 5 s before the restart to now, no gap longer than a
        # few scrapes.
        time.sleep(3)
        self.assertEqual(len(self.query('rag_query_total{job="rag_chat"}')), 1)
        start, end = restarted_at - 5, time.time()
        body = http(self.prometheus_url + "/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": 'rag_query_total{job="rag_chat"}', "start": start, "end": end, "step": 1}))
        series = json.loads(body)["data"]["result"]
        self.assertEqual(len(series), 1, series)
        times = [start] + [float(t) for t, _ in series[0]["values"]] + [end]
        self.assertLessEqual(max(b - a for a, b in zip(times, times[1:])), 3, times)

    def test_7_max_age_drops_old_files(self):
        # Row 2 for one-shot files: --collector.textfile.max-age leaves out any file older than it.
        self.exporter.terminate()
        self.exporter.wait(timeout=20)
        time.sleep(3)  # the batch script's file is older than 2 s by now; the auto-exported ones are not
        self.start_exporter("--collector.textfile.max-age=2s")
        wait_until("batch_index out of Prometheus",
                   lambda: "batch_index" not in self.values("rag_query_total"), 30)
        self.assertIn('host_textfile_dropped_files{reason="max_age"}', self.exporter_metrics())
        # A fresh file, and the pusher's pushes, are still there.
        wait_until("rag_chat and rag_pusher present",
                   lambda: {"rag_chat", "rag_pusher"} <= set(self.values("rag_query_total")), 30)

    def test_8_push_delete_removes_a_group(self):
        # Row 3: a test push stayed for ever; push delete removes it (and the start script gives a TTL).
        self.apps["rag_pusher"].terminate()
        self.apps["rag_pusher"].wait(timeout=10)
        deleted = self.binary("push", "delete", "rag_pusher", "instance=%s/rag_pusher" % self.host,
                              "--url", self.exporter_url)
        self.assertEqual(deleted.returncode, 0, deleted.stderr)
        self.assertEqual(json.loads(http(self.exporter_url + "/api/v1/metrics"))["data"], [])
        self.assertIn("no pushed groups", self.binary("push", "list", "--url", self.exporter_url).stdout)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--prometheus", default=os.environ.get("HX_PROMETHEUS") or shutil.which("prometheus"))
    ARGS, rest = parser.parse_known_args()
    if not ARGS.prometheus or ARGS.prometheus.endswith("NOTFOUND") or not os.path.exists(ARGS.prometheus):
        print("skipped: no prometheus binary")
        return 77
    program = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
