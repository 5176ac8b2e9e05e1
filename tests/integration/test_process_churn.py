#!/usr/bin/env python3
"""The processes collector under churn, against the running exporter.

Spawns and reaps hundreds of short-lived processes under eight names (symlinks to
/bin/sh, so each name is its own group and the busiest ones keep changing) while
scraping in a loop with a short sampler window and --collector.processes.top=3,
so groups move in and out of the exported set. Checks: every scrape is a 200, no
value is negative, every utilisation ratio is within 0..1, every
host_process_group_cpu_seconds_total series is monotonic across scrapes (even one
that disappears and comes back), and promtool check metrics stays clean.

Usage: test_process_churn.py --binary path/to/host_exporter
"""

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

BINARY = None
CHURN_SECONDS = 12
SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$')


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse(text):
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SERIES.match(line)
        assert match, "unparsable line: %r" % line
        samples[(match.group(1), match.group(2) or "")] = float(match.group(3))
    return samples


class Churn(threading.Thread):
    """Starts short shell loops under random names until stopped; reaps them all."""

    def __init__(self, workdir):
        super().__init__(daemon=True)
        self.names = []
        for i in range(8):
            path = os.path.join(workdir, "churn%d" % i)
            os.symlink("/bin/sh", path)
            self.names.append(path)
        self.stop = threading.Event()
        self.spawned = 0

    def run(self):
        running = []
        rng = random.Random(7)
        while not self.stop.is_set():
            loops = rng.choice((10, 500, 5000, 20000))
            script = "i=0; while [ $i -lt %d ]; do i=$((i+1)); done" % loops
            running.append(subprocess.Popen([rng.choice(self.names), "-c", script]))
            self.spawned += 1
            running = [p for p in running if p.poll() is None]
            while len(running) > 40 and not self.stop.is_set():
                time.sleep(0.005)
                running = [p for p in running if p.poll() is None]
            time.sleep(0.002)
        for p in running:
            p.wait(timeout=30)


class ProcessChurn(unittest.TestCase):
    def test_counters_stay_monotonic_under_churn(self):
        workdir = tempfile.mkdtemp(prefix="hx-churn-")
        port = free_port()
        log = open(os.path.join(workdir, "exporter.log"), "wb")
        exporter = subprocess.Popen([
            BINARY, "--web.listen-address=127.0.0.1:%d" % port,
            "--collector.disable-defaults", "--collector.processes", "--collector.environment",
            "--collector.processes.top=3", "--collector.processes.cmdline=true",
            "--sampler.interval=200ms", "--log.level=debug",
        ], stdout=log, stderr=subprocess.STDOUT)
        churn = Churn(workdir)
        try:
            url = "http://127.0.0.1:%d/metrics" % port
            deadline = time.monotonic() + 20
            while True:
                try:
                    urllib.request.urlopen(url, timeout=5).read()
                    break
                except OSError:
                    if time.monotonic() > deadline or exporter.poll() is not None:
                        self.fail("exporter did not start: " + open(log.name).read())
                    time.sleep(0.1)

            churn.start()
            last = {}
            seen_names = set()
            scrapes = 0
            body = ""
            end = time.monotonic() + CHURN_SECONDS
            while time.monotonic() < end:
                response = urllib.request.urlopen(url, timeout=10)
                self.assertEqual(response.status, 200)
                body = response.read().decode()
                samples = parse(body)
                scrapes += 1
                for (name, labels), value in samples.items():
                    self.assertGreaterEqual(value, 0, (name, labels))
                    if name == "host_process_group_cpu_utilization_ratio":
                        self.assertLessEqual(value, 1.0, labels)
                    if name == "host_process_group_cpu_seconds_total":
                        seen_names.add(labels)
                        if (name, labels) in last:
                            self.assertGreaterEqual(value, last[(name, labels)],
                                                    "%s went backwards at scrape %d" % (labels, scrapes))
                        last[(name, labels)] = value
                self.assertEqual(samples.get(("node_scrape_collector_success", '{collector="processes"}')), 1.0)
                time.sleep(0.05)
            churn.stop.set()
            churn.join(timeout=60)

            self.assertGreater(churn.spawned, 200, "not enough churn to mean anything")
            self.assertGreater(scrapes, 20)
            self.assertTrue(any("churn" in labels for labels in seen_names), sorted(seen_names)[:20])

            promtool = os.environ.get("HX_PROMTOOL") or shutil.which("promtool")
            if promtool:
                lint = subprocess.run([promtool, "check", "metrics"], input=body, capture_output=True, text=True)
                self.assertEqual(lint.returncode, 0, lint.stdout + lint.stderr)
        finally:
            churn.stop.set()
            exporter.terminate()
            try:
                exporter.wait(timeout=15)
            except subprocess.TimeoutExpired:
                exporter.kill()
                exporter.wait()
            log.close()
            shutil.rmtree(workdir, ignore_errors=True)


def main():
    global BINARY
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args, rest = parser.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
