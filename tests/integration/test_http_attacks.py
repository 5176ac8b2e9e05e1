#!/usr/bin/env python3
"""The HTTP server against hostile clients, on loopback: every attack of issue 13's table, with the
result required. Scrapes must still answer within a second while idle and slow connections pile up;
no request may grow the exporter's resident memory by more than 16 MiB over its limit; every
refusal is counted in host_exporter_http_requests_refused_total.

Usage: test_http_attacks.py /path/to/host_exporter
"""

import json
import os
import resource
import socket
import sys
import threading
import time
import unittest
import zlib

import test_server
from test_server import Exporter, http

MIB = 1 << 20
PUSH_LIMIT = 4 * MIB  # --push.max-bytes, the default
MEMORY_SLACK = 16 * MIB


def rss_bytes(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} for {pid}")


def reset_peak(pid):
    """Linux >= 4.0: writing 5 to clear_refs resets VmHWM to the current RSS."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def connect(url):
    host, port = url.split("//")[1].split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def refused(exporter, reason):
    _, _, body = http(exporter.url + "/metrics")
    for line in body.decode().splitlines():
        if line.startswith(f'host_exporter_http_requests_refused_total{{reason="{reason}"}} '):
            return float(line.split()[-1])
    raise AssertionError(f"no refusal counter for {reason}")


def metric(exporter, name):
    _, _, body = http(exporter.url + "/metrics")
    for line in body.decode().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    raise AssertionError(f"no {name}")


def timed_scrape(exporter):
    started = time.monotonic()
    status, _, body = http(exporter.url + "/metrics", {"Accept-Encoding": "identity"}, timeout=5)
    return status, time.monotonic() - started, body


def read_status(sock, timeout=10):
    """The status code of the first response on sock, or None when it closed without one."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    if not data.startswith(b"HTTP/1."):
        return None
    return int(data.split(b" ")[1])


def send_until_refused(sock, chunk, limit_bytes):
    """Sends chunk after chunk until the server stops taking them or limit_bytes went out."""
    sent = 0
    try:
        while sent < limit_bytes:
            sock.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError, socket.timeout):
        pass
    return sent


class Attacks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))

    def setUp(self):
        self.exporter = Exporter(["--collector.disable-defaults", "--collector.cpu", "--collector.meminfo",
                                  "--web.read-timeout=2s", "--web.idle-timeout=30s"])
        self.addCleanup(self.exporter.close)
        self.pid = self.exporter.process.pid

    def assert_memory_bounded(self, before, limit):
        peak = rss_bytes(self.pid, "VmHWM")
        grown = peak - before
        print(f"  resident memory: {before / MIB:.1f} MiB before, peak {peak / MIB:.1f} MiB "
              f"(+{grown / MIB:.1f} MiB; allowed limit {limit / MIB:.0f} + {MEMORY_SLACK / MIB:.0f} MiB)")
        self.assertLessEqual(grown, limit + MEMORY_SLACK)

    def test_scrape_answers_within_a_second_during_2000_idle_connections(self):
        idle = [connect(self.exporter.url) for _ in range(2000)]
        self.addCleanup(lambda: [s.close() for s in idle])
        time.sleep(0.5)
        status, seconds, _ = timed_scrape(self.exporter)
        print(f"  scrape during 2,000 idle connections: {seconds * 1000:.1f} ms")
        self.assertEqual(status, 200)
        self.assertLess(seconds, 1.0)
        self.assertLessEqual(metric(self.exporter, "host_exporter_http_connections_open"), 512 + 1)
        self.assertGreater(metric(self.exporter, "host_exporter_http_connections_shed_total"), 1000)

    def test_scrape_answers_within_a_second_during_100_slow_heads_which_are_then_closed(self):
        slow = [connect(self.exporter.url) for _ in range(100)]
        self.addCleanup(lambda: [s.close() for s in slow])
        for s in slow:
            s.sendall(b"GET /metrics HTTP/1.1\r\nX-Slow: ")
        worst = 0.0
        for _ in range(3):  # one byte a second each, as a slowloris does
            for s in slow:
                try:
                    s.sendall(b"a")
                except OSError:
                    pass
            status, seconds, _ = timed_scrape(self.exporter)
            self.assertEqual(status, 200)
            worst = max(worst, seconds)
            time.sleep(1)
        print(f"  slowest scrape during 100 slow heads: {worst * 1000:.1f} ms")
        self.assertLess(worst, 1.0)
        # --web.read-timeout=2s: every slow head has been closed without an answer by now.
        self.assertTrue(all(read_status(s, timeout=2) is None for s in slow))
        self.assertGreaterEqual(refused(self.exporter, "header_timeout"), 100)

    def push_head(self, extra):
        return ("PUT /metrics/job/attack HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n" + extra + "\r\n").encode()

    def test_chunked_body_over_the_limit_is_413_without_buffering_it(self):
        before = rss_bytes(self.pid)
        reset_peak(self.pid)
        s = connect(self.exporter.url)
        self.addCleanup(s.close)
        s.sendall(self.push_head("Transfer-Encoding: chunked\r\n"))
        chunk = b"%x\r\n" % MIB + b"# x\n" * (MIB // 4) + b"\r\n"
        sent = send_until_refused(s, chunk, 100 * MIB)
        self.assertEqual(read_status(s), 413)
        print(f"  chunked: {sent / MIB:.0f} MiB sent before the refusal")
        self.assert_memory_bounded(before, PUSH_LIMIT)
        self.assertGreaterEqual(refused(self.exporter, "body_too_large"), 1)

    def test_declared_length_over_the_limit_is_413_before_the_body(self):
        s = connect(self.exporter.url)
        self.addCleanup(s.close)
        s.sendall(self.push_head(f"Content-Length: {100 * MIB}\r\n"))
        self.assertEqual(read_status(s), 413)
        self.assertGreaterEqual(refused(self.exporter, "body_too_large"), 1)

    def test_body_without_a_length_is_no_body_and_the_rest_is_refused(self):
        before = rss_bytes(self.pid)
        reset_peak(self.pid)
        s = connect(self.exporter.url)
        self.addCleanup(s.close)
        s.sendall(self.push_head(""))
        send_until_refused(s, b"x" * 65536, 100 * MIB)
        self.assertIn(read_status(s), (200, 431))  # the empty push, then the garbage "head"
        self.assert_memory_bounded(before, PUSH_LIMIT)

    def test_gzip_bomb_is_413_with_no_more_memory_than_the_cap(self):
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"\0" * (4 * MIB)
        bomb = b"".join(compressor.compress(zeros) for _ in range(100)) + compressor.flush()  # 400 MiB inflated
        before = rss_bytes(self.pid)
        reset_peak(self.pid)
        status, _, body = http(self.exporter.url + "/metrics/job/bomb", {"Content-Encoding": "gzip"}, method="PUT",
                               data=bomb)
        print(f"  gzip bomb of {len(bomb) / 1024:.0f} KiB: HTTP {status}")
        self.assertEqual(status, 413, body)
        self.assert_memory_bounded(before, PUSH_LIMIT)

    def test_endless_header_line_is_431_early(self):
        before = rss_bytes(self.pid)
        reset_peak(self.pid)
        s = connect(self.exporter.url)
        self.addCleanup(s.close)
        s.sendall(b"GET /metrics HTTP/1.1\r\nX-Long: ")
        sent = send_until_refused(s, b"a" * 65536, 300 * MIB)
        self.assertEqual(read_status(s), 431)
        print(f"  endless header line: {sent / MIB:.1f} MiB sent before the refusal")
        self.assert_memory_bounded(before, 0)
        self.assertGreaterEqual(refused(self.exporter, "header_too_large"), 1)

    def test_5000_headers_are_431(self):
        s = connect(self.exporter.url)
        self.addCleanup(s.close)
        head = b"GET /metrics HTTP/1.1\r\n" + b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 1000) for i in range(5000))
        send_until_refused(s, head + b"\r\n", len(head) + 2)
        self.assertEqual(read_status(s), 431)

    def test_range_is_ignored(self):
        _, _, whole = http(self.exporter.url + "/metrics", {"Accept-Encoding": "identity"})
        ranges = ",".join(f"{i}-{i}" for i in range(1000))  # as many as fit in one 8 KiB header line
        status, headers, body = http(self.exporter.url + "/metrics",
                                     {"Range": f"bytes={ranges}", "Accept-Encoding": "identity"})
        self.assertEqual(status, 200)
        self.assertIsNone(headers.get("Content-Range"))
        self.assertLess(abs(len(body) - len(whole)), len(whole) // 10)
        # 4,000 ranges make a 30 KiB header line: refused before anything is rendered.
        ranges = ",".join(f"{i}-{i}" for i in range(4000))
        status, _, _ = http(self.exporter.url + "/metrics", {"Range": f"bytes={ranges}"})
        self.assertEqual(status, 431)

    def test_200_concurrent_pushers_get_no_reset(self):
        results = []
        lock = threading.Lock()
        start = threading.Barrier(200)

        def push(i):
            start.wait()
            try:
                status, _, _ = http(f"{self.exporter.url}/metrics/job/pusher/instance/{i}", method="PUT",
                                    data=f"pushed_value {i}\n".encode(), timeout=30)
            except OSError as e:
                status = repr(e)
            with lock:
                results.append(status)

        threads = [threading.Thread(target=push, args=(i,)) for i in range(200)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        failures = [r for r in results if r != 200]
        self.assertEqual(failures, [])
        _, _, answer = http(self.exporter.url + "/api/v1/metrics")
        groups = [g for g in json.loads(answer)["data"] if g["labels"].get("job") == "pusher"]
        self.assertEqual(len(groups), 200)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_http_attacks.py /path/to/host_exporter")
    test_server.BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
