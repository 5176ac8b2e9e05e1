#!/usr/bin/env python3
"""The floors of bench/read_floor.sh, so that the figures bench/README.md quotes stay measurable:
- hx_bench_serve_floor answers HTTP/1.1 on one kept-alive connection with the body it was given,
  making the listed reads for each request, and counts the requests it answered;
- bench/read_floor.sh records a real scrape's reads with strace and runs both floors on them.

Usage: test_bench_floors.py HOST_EXPORTER BENCH_BUILD_DIR SOURCE_DIR
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from exporter_harness import free_port

HOST_EXPORTER, BENCH_DIR, SOURCE_DIR = sys.argv[1:4]


class ServeFloor(unittest.TestCase):
    def test_answers_each_request_on_a_kept_connection_with_the_body(self):
        with tempfile.TemporaryDirectory() as work:
            listing = os.path.join(work, "list")
            with open(listing, "w") as out:
                out.write("read 1 /proc/loadavg\nread 2 /proc/vmstat\nstatfs /\n")
            body = b"".join(b"metric_%d 1\n" % i for i in range(3000))
            with open(os.path.join(work, "body"), "wb") as out:
                out.write(body)
            port = free_port()
            server = subprocess.Popen([os.path.join(BENCH_DIR, "hx_bench_serve_floor"), listing,
                                       os.path.join(work, "body"), str(port)], stdout=subprocess.PIPE, text=True)
            try:
                connection = None
                for _ in range(100):
                    try:
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                        connection.connect()
                        break
                    except OSError:
                        time.sleep(0.05)
                for _ in range(3):
                    connection.request("GET", "/metrics")
                    response = connection.getresponse()
                    self.assertEqual(response.status, 200)
                    self.assertEqual(response.getheader("Content-Length"), str(len(body)))
                    self.assertEqual(response.read(), body)
                connection.close()
            finally:
                server.send_signal(signal.SIGTERM)
                output, _ = server.communicate(timeout=10)
            self.assertEqual(server.returncode, 0)
            self.assertRegex(output, r"^requests 3, CPU \d+\.\d+ ms a request$")

    def test_refuses_a_list_it_cannot_parse(self):
        with tempfile.TemporaryDirectory() as work:
            listing = os.path.join(work, "list")
            with open(listing, "w") as out:
                out.write("read /proc/loadavg\n")  # no count
            with open(os.path.join(work, "body"), "w") as out:
                out.write("x 1\n")
            result = subprocess.run([os.path.join(BENCH_DIR, "hx_bench_serve_floor"), listing,
                                     os.path.join(work, "body"), str(free_port())], capture_output=True, text=True,
                                    timeout=10)
            self.assertEqual(result.returncode, 2)
            self.assertIn("cannot parse", result.stderr)


class ReadFloorScript(unittest.TestCase):
    def test_records_a_scrape_and_measures_both_floors(self):
        environment = dict(os.environ, FLOOR_ITERATIONS="200", SERVE_SECONDS="1")
        result = subprocess.run(["bash", os.path.join(SOURCE_DIR, "bench", "read_floor.sh"), HOST_EXPORTER, BENCH_DIR],
                                capture_output=True, text=True, timeout=120, env=environment)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = result.stdout
        for path in ("/proc/stat", "/proc/meminfo", "/proc/vmstat", "/proc/diskstats", "/proc/loadavg"):
            self.assertRegex(out, r"\n  read \d+ " + re.escape(path) + "\n")
        self.assertIn("\n  statfs /\n", out)
        floor = re.search(r"read floor: files (\d+), mounts (\d+), ([\d.]+) KiB a pass, CPU ([\d.]+) ms per pass", out)
        self.assertIsNotNone(floor, out)
        self.assertGreaterEqual(int(floor.group(1)), 10)
        self.assertGreater(float(floor.group(3)), 1.0)
        served = re.search(r"serving floor \((\d+) bytes a response, .*\): requests (\d+), CPU ([\d.]+) ms a request,"
                           r" p50 \S+, p99 \S+", out)
        self.assertIsNotNone(served, out)
        self.assertGreater(int(served.group(1)), 10000)  # a scrape's body, not an error page
        self.assertGreater(int(served.group(2)), 10)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
