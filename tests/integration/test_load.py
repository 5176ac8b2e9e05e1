#!/usr/bin/env python3
"""Load and faults against the real binary on loopback (issue 15): 50 keep-alive scrapers and 20 pushers at
once while textfiles are rewritten and deleted and thousands of short-lived processes come and go, with no
failed request and flat resident memory; and push persistence on a full and on a read-only filesystem.

HX_LOAD_SECONDS sets the load's length (10 s in `make test`, 60 s in `make soak`).

Usage: test_load.py /path/to/host_exporter
"""

import http.client
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import test_server
from test_server import Exporter
from test_server import http as fetch

MIB = 1 << 20
SECONDS = float(os.environ.get("HX_LOAD_SECONDS", "10"))


def rss(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.ok = 0
        self.failures = []
        self.seconds = []  # of each request that succeeded

    def add(self, good, what=None, seconds=None):
        with self.lock:
            if good:
                self.ok += 1
                if seconds is not None:
                    self.seconds.append(seconds)
            elif len(self.failures) < 20:
                self.failures.append(what)
            else:
                self.failures.append(None)


def keep_alive_loop(url, stop, tally, method, path_of, body_of):
    host, port = url.split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    n = 0
    while not stop.is_set():
        n += 1
        try:
            started = time.monotonic()
            connection.request(method, path_of(n), body=body_of(n))
            response = connection.getresponse()
            response.read()
            tally.add(response.status in (200, 202), f"{method} {path_of(n)}: HTTP {response.status}",
                      time.monotonic() - started)
        except (OSError, http.client.HTTPException) as e:
            tally.add(False, f"{method} {path_of(n)} (request {n} on this connection): {e!r}")
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.close()


class Load(unittest.TestCase):
    def test_scrapers_pushers_textfiles_and_process_churn(self):
        textfiles = tempfile.TemporaryDirectory()
        self.addCleanup(textfiles.cleanup)
        exporter = Exporter([f"--collector.textfile.directory={textfiles.name}"])
        self.addCleanup(exporter.close)
        pid = exporter.process.pid
        url = exporter.url
        for _ in range(20):  # warm: caches, the first sampler windows, every page the scrape path touches
            fetch(url + "/metrics")
        stop = threading.Event()
        scrapes, pushes = Tally(), Tally()
        threads = [threading.Thread(target=keep_alive_loop,
                                    args=(url, stop, scrapes, "GET", lambda n: "/metrics", lambda n: None))
                   for _ in range(50)]
        for i in range(20):
            threads.append(threading.Thread(target=keep_alive_loop, args=(
                url, stop, pushes, "PUT", lambda n, i=i: f"/metrics/job/load/instance/{i}",
                lambda n, i=i: f"# TYPE load_pushed gauge\nload_pushed {n}\nload_pusher {i}\n".encode())))

        def rewrite_textfiles():  # one file replaced atomically, one deleted and written again, in turn
            n = 0
            while not stop.is_set():
                n += 1
                tmp = os.path.join(textfiles.name, ".app.prom.tmp")
                with open(tmp, "w") as f:
                    f.write(f"# TYPE app_rewrites gauge\napp_rewrites {n}\n")
                os.rename(tmp, os.path.join(textfiles.name, "app.prom"))
                churn = os.path.join(textfiles.name, "churn.prom")
                if n % 2:
                    with open(churn, "w") as f:
                        f.write(f"churn_value {n}\n")
                elif os.path.exists(churn):
                    os.unlink(churn)
                time.sleep(0.01)

        spawned = [0]

        def spawn_processes():  # short-lived processes while the processes collector lists /proc
            while not stop.is_set():
                subprocess.run(["true"])
                spawned[0] += 1

        threads += [threading.Thread(target=rewrite_textfiles), threading.Thread(target=spawn_processes)]
        start_rss = rss(pid)
        peak = start_rss
        for t in threads:
            t.start()
        begun = time.monotonic()
        halfway_rss = None
        while time.monotonic() < begun + SECONDS:
            peak = max(peak, rss(pid))
            if halfway_rss is None and time.monotonic() >= begun + SECONDS / 2:
                halfway_rss = rss(pid)
            time.sleep(0.2)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        time.sleep(0.5)
        end_rss = rss(pid)
        print(f"\n  {SECONDS:.0f} s: {scrapes.ok} scrapes by 50 keep-alive clients, {pushes.ok} pushes by 20, "
              f"{spawned[0]} processes started; failed: {len(scrapes.failures)} scrapes, {len(pushes.failures)} pushes")
        for failure in (scrapes.failures + pushes.failures)[:40]:
            print("  failure:", failure)
        for name, tally in (("scrape", scrapes), ("push", pushes)):
            ordered = sorted(tally.seconds) or [0.0]
            print(f"  {name} latency under load: p50 {ordered[len(ordered) // 2] * 1000:.1f} ms, "
                  f"p99 {ordered[int(len(ordered) * 0.99)] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")
        print(f"  resident memory: start {start_rss / MIB:.1f} MiB, halfway {halfway_rss / MIB:.1f} MiB, "
              f"peak {peak / MIB:.1f} MiB, end {end_rss / MIB:.1f} MiB")
        self.assertEqual(scrapes.failures, [])
        self.assertEqual(pushes.failures, [])
        self.assertGreater(scrapes.ok, 50)
        self.assertGreater(pushes.ok, 20)
        # Flat: the load's first half brings the allocator's caches in (70 connections, 4 workers); the second
        # half must not grow them further, whatever the length of the run.
        self.assertLess(end_rss - halfway_rss, 2 * MIB)
        self.assertLess(peak - start_rss, 32 * MIB)
        self.assertEqual(exporter.process.poll(), None, "the exporter is still running")


def mount_tmpfs(path, size):
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path], capture_output=True)
    return result.returncode == 0


class PersistenceFaults(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        if os.geteuid() != 0 or not mount_tmpfs(self.dir, "256k"):
            os.rmdir(self.dir)
            self.skipTest("needs root and tmpfs mounts")
        self.addCleanup(lambda: (subprocess.run(["umount", "-l", self.dir]), os.rmdir(self.dir)))
        self.exporter = Exporter([f"--push.persistence-file={self.dir}/push.json", "--push.persistence-interval=0s"])
        self.addCleanup(self.exporter.close)

    def push(self, i, size=100):
        return fetch(f"{self.exporter.url}/metrics/job/fault/instance/{i}", method="PUT",
                    data=(f"# TYPE fault_value gauge\nfault_value{{pad=\"{'x' * size}\"}} {i}\n").encode())

    def test_a_full_filesystem_answers_503_keeps_serving_and_recovers(self):
        self.assertEqual(self.push(0)[0], 200)
        filler = os.path.join(self.dir, "filler")
        with open(filler, "wb", buffering=0) as f:  # fill the tmpfs to the last byte
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError:
                pass
        status, _, body = self.push(1, size=20000)
        self.assertEqual(status, 503, body)
        self.assertEqual(fetch(self.exporter.url + "/metrics")[0], 200)
        _, _, page = fetch(self.exporter.url + "/metrics")
        self.assertIn(b"host_exporter_push_persistence_failures_total 1", page)
        os.unlink(filler)
        self.assertEqual(self.push(2)[0], 200, "recovers once there is room again")

    def test_a_read_only_filesystem_answers_503(self):
        self.assertEqual(self.push(0)[0], 200)
        if subprocess.run(["mount", "-o", "remount,ro", self.dir], capture_output=True).returncode != 0:
            self.skipTest("cannot remount read-only")
        status, _, body = self.push(1)
        self.assertEqual(status, 503, body)
        self.assertEqual(fetch(self.exporter.url + "/metrics")[0], 200)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_load.py /path/to/host_exporter")
    test_server.BINARY = os.path.abspath(sys.argv.pop(1))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    unittest.main(verbosity=2)
