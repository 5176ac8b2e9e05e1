#!/usr/bin/env python3
"""End-to-end test of the textfile directory and the push API over real HTTP.

Starts the host_exporter binary on a free loopback port with a temporary textfile
directory and persistence file, pushes with PUT/POST/DELETE (urllib), scrapes,
lints the scrape with promtool, and checks what the persistence file guarantees
across a graceful stop and a kill -9.

Usage: test_ingest.py --binary path/to/host_exporter
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

BINARY = None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def b64(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=") or "="


class Exporter:
    """One host_exporter process; only ingest sources are enabled so promtool sees our metrics alone."""

    def __init__(self, workdir, extra_args=()):
        self.workdir = workdir
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.log_path = os.path.join(workdir, "exporter-%d.log" % self.port)
        args = [
            BINARY,
            "--web.listen-address=127.0.0.1:%d" % self.port,
            "--collector.disable-defaults",
            "--collector.textfile",
            "--collector.textfile.directory=" + os.path.join(workdir, "textfile"),
            "--push.persistence-file=" + os.path.join(workdir, "push.json"),
            "--log.level=debug",
        ] + list(extra_args)
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("host_exporter exited early:\n" + self.log_text())
            try:
                with urllib.request.urlopen(self.base + "/metrics", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError("host_exporter did not answer:\n" + self.log_text())
            time.sleep(0.05)

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def request(self, method, path, body=None, headers=None):
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def scrape(self):
        status, text = self.request("GET", "/metrics")
        assert status == 200, status
        return text

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        self.log.close()

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=20)
        self.log.close()


def samples(text, name):
    """{label text: value} of the samples named `name` in a text-format scrape."""
    found = {}
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        head, _, value = line.rpartition(" ")
        metric, _, labels = head.partition("{")
        if metric == name:
            found[labels.rstrip("}")] = float(value)
    return found


def type_lines(text, name):
    return [line for line in text.splitlines() if line.startswith("# TYPE %s " % name)]


class IngestTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="hx-ingest-it-")
        os.mkdir(os.path.join(self.workdir, "textfile"))
        self.exporters = []

    def tearDown(self):
        for exporter in self.exporters:
            exporter.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def start(self, *extra_args):
        exporter = Exporter(self.workdir, extra_args)
        self.exporters.append(exporter)
        return exporter

    def write_textfile(self, name, content):
        # As client libraries do: a temporary file renamed into place.
        path = os.path.join(self.workdir, "textfile", name)
        with open(path + ".tmp", "w") as f:
            f.write(content)
        os.rename(path + ".tmp", path)

    def assert_promtool_clean(self, text):
        promtool = shutil.which("promtool")
        if promtool is None:
            self.skipTest("promtool not installed")
        result = subprocess.run([promtool, "check", "metrics"], input=text.encode(), capture_output=True)
        self.assertEqual(result.returncode, 0, result.stdout.decode() + result.stderr.decode() + "\n" + text)

    # --- push API -----------------------------------------------------------------------------

    def test_put_post_delete(self):
        exporter = self.start()
        status, body = exporter.request("PUT", "/metrics/job/batch/instance/box1",
                                        "# TYPE done gauge\ndone 1\n# TYPE items_total counter\nitems_total 5\n")
        self.assertEqual((status, body), (200, ""))
        text = exporter.scrape()
        self.assertEqual(samples(text, "done"), {'instance="box1",job="batch"': 1})
        self.assertIn('instance="box1",job="batch"', samples(text, "push_time_seconds"))
        self.assertEqual(samples(text, "push_failure_time_seconds"), {'instance="box1",job="batch"': 0})

        # POST replaces the families it names, keeps the others.
        status, _ = exporter.request("POST", "/metrics/job/batch/instance/box1", "done 2\n")
        self.assertEqual(status, 200)
        text = exporter.scrape()
        self.assertEqual(samples(text, "done"), {'instance="box1",job="batch"': 2})
        self.assertEqual(samples(text, "items_total"), {'instance="box1",job="batch"': 5})

        # PUT replaces the whole group; an empty PUT empties it but keeps its push time.
        status, _ = exporter.request("PUT", "/metrics/job/batch/instance/box1", "")
        self.assertEqual(status, 200)
        text = exporter.scrape()
        self.assertEqual(samples(text, "done"), {})
        self.assertIn('instance="box1",job="batch"', samples(text, "push_time_seconds"))

        status, body = exporter.request("DELETE", "/metrics/job/batch/instance/box1")
        self.assertEqual((status, body), (202, ""))
        self.assertEqual(samples(exporter.scrape(), "push_time_seconds"), {})
        status, _ = exporter.request("DELETE", "/metrics/job/never-pushed")
        self.assertEqual(status, 202)

    def test_grouping_labels_base64_and_honor_labels_shape(self):
        exporter = self.start()
        path = "/metrics/job/cleaner/path@base64/%s/empty@base64/=" % b64("/var/tmp")
        status, body = exporter.request("PUT", path, 'files_removed{path="overridden"} 3\n')
        self.assertEqual(status, 200, body)
        self.assertEqual(samples(exporter.scrape(), "files_removed"),
                         {'empty="",instance="",job="cleaner",path="/var/tmp"': 3})
        status, _ = exporter.request("PUT", "/metrics/job@base64/%s" % b64("a/b"), "x 1\n")
        self.assertEqual(status, 200)
        self.assertEqual(samples(exporter.scrape(), "x"), {'instance="",job="a/b"': 1})

    def test_refusals_are_400_with_one_line_and_keep_the_state(self):
        exporter = self.start()
        self.assertEqual(exporter.request("PUT", "/metrics/job/a", "# TYPE shared gauge\nshared 1\n")[0], 200)
        before = samples(exporter.scrape(), "shared")
        cases = {
            "timestamps": ("/metrics/job/b", "y 1 1700000000000\n", "timestamps"),
            "type conflict": ("/metrics/job/b", "# TYPE shared counter\nshared 1\n", "stored as gauge"),
            "duplicate": ("/metrics/job/b", 'y{k="1"} 1\ny{k="1"} 2\n', "duplicate"),
            "parse error": ("/metrics/job/b", "y{ 1\n", "line 1"),
            "empty job": ("/metrics/job@base64/=", "y 1\n", "job name is required"),
            "odd labels": ("/metrics/job/b/lonely", "y 1\n", "odd number"),
            "job twice": ("/metrics/job/b/job/c", "y 1\n", "given twice"),
            "NUL byte": ("/metrics/job/b%00c", "y 1\n", "NUL byte"),
        }
        for name, (path, body, reason) in cases.items():
            with self.subTest(name):
                status, text = exporter.request("POST", path, body)
                self.assertEqual(status, 400, text)
                self.assertIn(reason, text)
                self.assertEqual(text.count("\n"), 1, text)
        text = exporter.scrape()
        self.assertEqual(samples(text, "shared"), before)
        self.assertEqual(samples(text, "y"), {})
        # A refused push creates no group (junk keys cannot fill --push.max-groups).
        self.assertNotIn('instance="",job="b"', samples(text, "push_failure_time_seconds"))
        status, text = exporter.request("PUT", "/metrics/job/b", b"x 1\n",
                                        {"Content-Type": "application/vnd.google.protobuf; "
                                                         "proto=io.prometheus.client.MetricFamily; encoding=delimited"})
        self.assertEqual(status, 415, text)

    def test_limits(self):
        exporter = self.start("--push.max-bytes=200", "--push.max-series-per-group=3", "--push.max-groups=2")
        self.assertEqual(exporter.request("PUT", "/metrics/job/a", "a 1\n")[0], 200)
        status, text = exporter.request("PUT", "/metrics/job/a", "big 1\n" * 100)
        self.assertEqual(status, 413, text)
        status, text = exporter.request("PUT", "/metrics/job/a", "".join('s{i="%d"} 1\n' % i for i in range(4)))
        self.assertEqual(status, 400, text)
        self.assertIn("--push.max-series-per-group", text)
        self.assertEqual(exporter.request("PUT", "/metrics/job/b", "b 1\n")[0], 200)
        status, text = exporter.request("PUT", "/metrics/job/c", "c 1\n")
        self.assertEqual(status, 429, text)
        scrape = exporter.scrape()
        self.assertEqual(samples(scrape, "a"), {'instance="",job="a"': 1})
        self.assertEqual(samples(scrape, "c"), {})

    def test_api_v1_metrics(self):
        exporter = self.start()
        exporter.request("PUT", "/metrics/job/batch", "# HELP d Duration.\n# TYPE d gauge\nd 0.5\n")
        status, text = exporter.request("GET", "/api/v1/metrics")
        self.assertEqual(status, 200)
        root = json.loads(text)
        self.assertEqual(root["status"], "success")
        group = root["data"][0]
        self.assertEqual(group["labels"], {"job": "batch"})
        self.assertTrue(group["last_push_successful"])
        self.assertEqual(group["d"]["type"], "GAUGE")
        self.assertEqual(group["d"]["metrics"][0], {"labels": {"instance": "", "job": "batch"}, "value": "0.5"})
        self.assertIn("push_time_seconds", group)

    # --- textfile directory and the merge with pushes ------------------------------------------

    def test_textfile_directory(self):
        self.write_textfile("good.prom", "# HELP app_up Up.\n# TYPE app_up gauge\napp_up 1\n")
        self.write_textfile("bad.prom", "broken{ 1\n")
        exporter = self.start()
        text = exporter.scrape()
        self.assertEqual(samples(text, "app_up"), {"": 1})
        self.assertEqual(samples(text, "node_textfile_scrape_error"), {"": 1})
        mtimes = samples(text, "node_textfile_mtime_seconds")
        self.assertEqual(list(mtimes), ['file="%s"' % os.path.join(self.workdir, "textfile", "good.prom")])
        self.assertIn("bad.prom", exporter.log_text())
        os.remove(os.path.join(self.workdir, "textfile", "bad.prom"))
        self.assertEqual(samples(exporter.scrape(), "node_textfile_scrape_error"), {"": 0})

    def test_same_name_in_textfile_and_push_gives_one_valid_family(self):
        self.write_textfile("app.prom", "# HELP queue_length Queue.\n# TYPE queue_length gauge\nqueue_length{source=\"file\"} 1\n"
                                        "# HELP typed_twice T.\n# TYPE typed_twice gauge\ntyped_twice 1\n")
        exporter = self.start()
        self.assertEqual(exporter.request("PUT", "/metrics/job/app",
                                          "# TYPE queue_length gauge\nqueue_length 2\n"
                                          "# TYPE typed_twice counter\ntyped_twice 7\n")[0], 200)
        text = exporter.scrape()
        self.assertEqual(len(type_lines(text, "queue_length")), 1)
        self.assertEqual(samples(text, "queue_length"), {'source="file"': 1, 'instance="",job="app"': 2})
        self.assertEqual(type_lines(text, "typed_twice"), ["# TYPE typed_twice gauge"])
        self.assertEqual(samples(text, "typed_twice"), {"": 1})
        self.assertEqual(samples(text, "host_exporter_scrape_dropped_series"), {"": 1})
        self.assert_promtool_clean(text)

    def test_promtool_clean_after_pushes(self):
        self.write_textfile("app.prom", "# HELP app_info Info.\n# TYPE app_info gauge\napp_info{version=\"1\"} 1\n")
        exporter = self.start()
        exporter.request("PUT", "/metrics/job/batch",
                         "# HELP batch_duration_seconds Time.\n# TYPE batch_duration_seconds histogram\n"
                         'batch_duration_seconds_bucket{le="1"} 1\nbatch_duration_seconds_bucket{le="+Inf"} 2\n'
                         "batch_duration_seconds_sum 3.5\nbatch_duration_seconds_count 2\n"
                         "# HELP batch_records_total Records.\n# TYPE batch_records_total counter\nbatch_records_total 10\n")
        self.assert_promtool_clean(exporter.scrape())

    # --- persistence ----------------------------------------------------------------------------

    def test_persistence_guarantees(self):
        persistence = os.path.join(self.workdir, "push.json")
        # Coalesced writes (one hour apart): a graceful stop writes what was pushed.
        first = self.start("--push.persistence-interval=1h")
        self.assertEqual(first.request("PUT", "/metrics/job/kept", "kept 1\n")[0], 200)
        first.stop()
        self.assertTrue(os.path.exists(persistence))

        # A push after the last write is lost by kill -9; the last written state loads whole.
        second = self.start("--push.persistence-interval=1h")
        self.assertEqual(samples(second.scrape(), "kept"), {'instance="",job="kept"': 1})
        self.assertEqual(second.request("PUT", "/metrics/job/lost", "lost 1\n")[0], 200)
        second.kill()

        # With --push.persistence-interval=0s a push is on disk before it is answered.
        third = self.start("--push.persistence-interval=0s")
        text = third.scrape()
        self.assertEqual(samples(text, "kept"), {'instance="",job="kept"': 1})
        self.assertEqual(samples(text, "lost"), {})
        self.assertEqual(third.request("PUT", "/metrics/job/durable", "durable 1\n")[0], 200)
        third.kill()

        fourth = self.start()
        text = fourth.scrape()
        self.assertEqual(samples(text, "durable"), {'instance="",job="durable"': 1})
        self.assertEqual(samples(text, "kept"), {'instance="",job="kept"': 1})
        fourth.kill()
        leftovers = [n for n in os.listdir(self.workdir) if ".tmp-" in n]
        self.assertEqual(leftovers, [])

    def test_corrupt_persistence_file_is_set_aside(self):
        persistence = os.path.join(self.workdir, "push.json")
        with open(persistence, "w") as f:
            f.write('{"format": "host_exporter push groups", "version": 1, "groups": [')
        exporter = self.start()
        self.assertEqual(samples(exporter.scrape(), "push_time_seconds"), {})
        aside = [n for n in os.listdir(self.workdir) if n.startswith("push.json.corrupt-")]
        self.assertEqual(len(aside), 1)
        self.assertIn("corrupt", exporter.log_text())
        self.assertEqual(exporter.request("PUT", "/metrics/job/fresh", "fresh 1\n")[0], 200)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args, rest = parser.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
