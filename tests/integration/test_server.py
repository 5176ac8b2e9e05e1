#!/usr/bin/env python3
"""End-to-end tests of the host_exporter binary: HTTP endpoints, negotiation,
compression, the scrape limit, listen addresses, shutdown and `snapshot`.

Usage: test_server.py /path/to/host_exporter   (promtool from $HX_PROMTOOL or PATH)
Standard library only. Every wait is bounded; every process started is stopped.
"""

import base64
import gzip
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

BINARY = None
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
PROMTOOL = os.environ.get("HX_PROMTOOL") or shutil.which("promtool")

# Prometheus 2.x sends this Accept header when scraping.
PROMETHEUS_ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                     "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8"

# node_exporter's /proc/meminfo names (node_memory_MemTotal_bytes ...) keep the kernel's
# camelCase for dashboard compatibility, and promtool lints exactly that. It is the only
# promtool finding accepted here; anything else fails the test.
ACCEPTED_PROMTOOL_FINDING = re.compile(
    r"^node_memory_\w+ metric names should be written in 'snake_case' not 'camelCase'$")


def free_port(family=socket.AF_INET, host="127.0.0.1"):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def ipv6_loopback_works():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def http(url, headers=None, method="GET", timeout=10, context=None, data=None):
    """Returns (status, headers, body bytes) without following or decoding anything."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def check_with_promtool(test, text):
    if not PROMTOOL:
        test.skipTest("promtool not found")
    result = subprocess.run([PROMTOOL, "check", "metrics"], input=text.encode(), capture_output=True, timeout=60)
    findings = [line for line in (result.stdout + result.stderr).decode().splitlines() if line.strip()]
    unexpected = [line for line in findings if not ACCEPTED_PROMTOOL_FINDING.match(line)]
    test.assertEqual(unexpected, [], "promtool findings")
    # Exit 3 means lint findings only; with only accepted ones left, 0 or 3 is fine. 1 is a parse error.
    test.assertIn(result.returncode, (0, 3) if findings else (0,), findings)


class Exporter:
    """A running host_exporter on free loopback ports, stopped by stop() whatever happened."""

    def __init__(self, args=(), addresses=1, use_ipv6=False, attempts=5, scheme="http", ready_headers=None,
                 context=None, env=None, pass_fds=()):
        self.process = None
        self.ready_headers = ready_headers or {}
        self.context = context
        self.stderr_file = tempfile.TemporaryFile()
        last_error = ""
        for _ in range(attempts):
            self.urls = []
            listen = []
            for i in range(addresses):
                if use_ipv6 and i == 1:
                    port = free_port(socket.AF_INET6, "::1")
                    listen.append(f"[::1]:{port}")
                    self.urls.append(f"{scheme}://[::1]:{port}")
                else:
                    port = free_port()
                    listen.append(f"127.0.0.1:{port}")
                    self.urls.append(f"{scheme}://127.0.0.1:{port}")
            command = [BINARY] + [f"--web.listen-address={a}" for a in listen] + list(args)
            self.stderr_file.seek(0)
            self.stderr_file.truncate()
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.stderr_file, env=env,
                                            pass_fds=pass_fds)
            if self._wait_ready():
                return
            self.stop()
            last_error = self.stderr()
            if "in use" not in last_error:  # only a lost race for the port is worth another try
                break
        self.stderr_file.close()
        raise RuntimeError(f"host_exporter did not become ready: {last_error}")

    @property
    def url(self):
        return self.urls[0]

    def _wait_ready(self, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if all(http(u + "/-/ready", self.ready_headers, timeout=2, context=self.context)[0] == 200
                       for u in self.urls):
                    return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def stderr(self):
        self.stderr_file.seek(0)
        return self.stderr_file.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends `sig` and returns the exit code; kills the process if it does not exit in time."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise

    def close(self):
        """Stops the process if needed and releases the captured stderr."""
        try:
            self.stop(signal.SIGKILL)
        finally:
            self.stderr_file.close()


def run(args, timeout=60):
    return subprocess.run([BINARY] + list(args), capture_output=True, timeout=timeout)


class ServedEndpoints(unittest.TestCase):
    """One exporter on two addresses, shared by the read-only checks."""

    @classmethod
    def setUpClass(cls):
        cls.exporter = Exporter(["--sampler.interval=200ms"], addresses=2, use_ipv6=ipv6_loopback_works())

    @classmethod
    def tearDownClass(cls):
        try:
            cls.exporter.stop()
        finally:
            cls.exporter.close()

    def metrics(self, headers):
        status, response_headers, body = http(self.exporter.url + "/metrics", headers)
        self.assertEqual(status, 200)
        return response_headers, body

    def test_text_format_passes_promtool(self):
        headers, body = self.metrics({"Accept-Encoding": "identity"})
        self.assertEqual(headers["Content-Type"], TEXT_TYPE)
        self.assertIsNone(headers["Content-Encoding"])
        text = body.decode("utf-8")
        for name in ("host_exporter_build_info{", "process_cpu_seconds_total ", "process_resident_memory_bytes ",
                     "process_open_fds ", "process_max_fds ", "process_start_time_seconds ",
                     "process_virtual_memory_bytes ", "node_scrape_collector_success{"):
            self.assertIn("\n" + name, text)
        check_with_promtool(self, text)

    def test_text_format_gzip(self):
        headers, body = self.metrics({"Accept-Encoding": "gzip"})
        self.assertEqual(headers["Content-Type"], TEXT_TYPE)
        self.assertEqual(headers.get_all("Content-Encoding"), ["gzip"])
        text = gzip.decompress(body).decode("utf-8")
        self.assertTrue(text.startswith("# HELP "), text[:80])

    def test_brotli_is_never_used(self):
        headers, body = self.metrics({"Accept-Encoding": "br"})
        self.assertIsNone(headers["Content-Encoding"])
        self.assertTrue(body.startswith(b"# HELP "))
        headers, body = self.metrics({"Accept-Encoding": "br, gzip"})
        self.assertEqual(headers.get_all("Content-Encoding"), ["gzip"])
        self.assertTrue(gzip.decompress(body).startswith(b"# HELP "))

    def test_openmetrics_for_prometheus(self):
        for encoding in ("identity", "gzip"):
            headers, body = self.metrics({"Accept": PROMETHEUS_ACCEPT, "Accept-Encoding": encoding})
            self.assertEqual(headers["Content-Type"], OPENMETRICS_TYPE)
            if encoding == "gzip":
                self.assertEqual(headers["Content-Encoding"], "gzip")
                body = gzip.decompress(body)
            self.assertTrue(body.decode("utf-8").endswith("# EOF\n"))

    def test_landing_page(self):
        status, headers, body = http(self.exporter.url + "/links")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        page = body.decode()
        for link in ('href="/metrics"', 'href="/-/healthy"', 'href="/-/ready"', 'href="/"'):
            self.assertIn(link, page)

    def test_live_page_and_its_json(self):
        # / is the live page (docs/live.md); its JSON carries the scrape's numbers.
        status, headers, body = http(self.exporter.url + "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        self.assertIn("default-src 'self'", headers["Content-Security-Policy"])
        status, headers, body = http(self.exporter.url + "/api/v1/snapshot")
        self.assertEqual(status, 200)
        snapshot = json.loads(body)
        self.assertGreater(snapshot["memory_total_bytes"], 0)
        self.assertTrue(snapshot["process_groups"])
        status, _, body = http(self.exporter.url + "/api/v1/history")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["points"], len(json.loads(body)["time"]))

    def test_health_endpoints(self):
        for path in ("/-/healthy", "/-/ready"):
            status, _, body = http(self.exporter.url + path)
            self.assertEqual(status, 200, path)
            self.assertIn(b"host_exporter is", body)

    def test_unknown_path_is_404(self):
        self.assertEqual(http(self.exporter.url + "/nothing-here")[0], 404)

    def test_wrong_method_is_405(self):
        status, headers, _ = http(self.exporter.url + "/metrics", method="POST")
        self.assertEqual(status, 405)
        self.assertEqual(headers["Allow"], "GET, HEAD")

    def test_head(self):
        status, headers, body = http(self.exporter.url + "/metrics", {"Accept-Encoding": "identity"}, method="HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], TEXT_TYPE)
        self.assertGreater(int(headers["Content-Length"]), 0)
        self.assertEqual(body, b"")

    def test_second_address_serves(self):
        status, _, body = http(self.exporter.urls[1] + "/metrics")
        self.assertEqual(status, 200)
        self.assertIn(b"host_exporter_build_info", body)


class WhereHandlersRun(unittest.TestCase):
    def handled(self, exporter):
        """host_exporter_http_requests_handled_total by thread, as one scrape sees it (its own not yet counted)."""
        _, _, body = http(exporter.url + "/metrics", {"Accept-Encoding": "identity"})
        counts = {}
        for line in body.decode().splitlines():
            if line.startswith("host_exporter_http_requests_handled_total{"):
                counts[line.split('"')[1]] = float(line.rsplit(" ", 1)[1])
        return counts

    def test_a_scrape_of_the_running_kernel_runs_on_the_event_loop(self):
        # /proc and /sys of this machine, no filesystem or textfile collector: nothing can block.
        exporter = Exporter(["--collector.disable-defaults", "--collector.loadavg", "--collector.meminfo"])
        try:
            before = self.handled(exporter)  # readiness probes came before (/-/healthy, on the loop too)
            for _ in range(3):
                self.assertEqual(http(exporter.url + "/metrics")[0], 200)
            after = self.handled(exporter)
            self.assertEqual(after["loop"] - before["loop"], 4)  # the first count's own scrape, then three
            self.assertEqual(after["worker"] - before["worker"], 0)
        finally:
            exporter.stop()
            exporter.close()

    def test_a_scrape_of_files_that_are_not_the_kernels_runs_on_a_worker(self):
        exporter = Exporter(["--collector.disable-defaults", "--collector.loadavg",
                             f"--path.procfs={os.path.join(FIXTURES, 'linux-debian12', 'proc')}"])
        try:
            before = self.handled(exporter)
            self.assertEqual(http(exporter.url + "/metrics")[0], 200)
            after = self.handled(exporter)
            self.assertEqual(after["worker"] - before["worker"], 2)
            self.assertEqual(after["loop"] - before["loop"], 0)
        finally:
            exporter.stop()
            exporter.close()


class ScrapeLimit(unittest.TestCase):
    def test_scrape_beyond_max_requests_gets_503(self):
        # A FIFO as /proc/loadavg holds the first scrape inside the loadavg collector
        # until the test writes to it, so the second scrape meets a full limit.
        with tempfile.TemporaryDirectory() as procfs:
            fifo = os.path.join(procfs, "loadavg")
            os.mkfifo(fifo)
            exporter = Exporter(["--web.max-requests=1", "--collector.disable-defaults", "--collector.loadavg",
                                 f"--path.procfs={procfs}"])
            writer = None
            try:
                first = {}
                thread = threading.Thread(target=lambda: first.update(result=http(exporter.url + "/metrics",
                                                                                  timeout=30)))
                thread.start()
                # Opening the FIFO for writing succeeds only once the scrape has it open for reading.
                deadline = time.monotonic() + 10
                while writer is None:
                    try:
                        writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                    except OSError:
                        self.assertLess(time.monotonic(), deadline, "the first scrape never opened loadavg")
                        time.sleep(0.01)
                status, _, body = http(exporter.url + "/metrics")
                self.assertEqual(status, 503)
                self.assertIn(b"--web.max-requests", body)
                self.assertEqual(http(exporter.url + "/-/healthy")[0], 200)  # not limited

                os.write(writer, b"0.50 0.25 0.10 1/100 4242\n")
                os.close(writer)
                writer = None
                thread.join(timeout=20)
                self.assertFalse(thread.is_alive())
                status, _, body = first["result"]
                self.assertEqual(status, 200)
                self.assertIn(b"node_load1 0.5\n", body)
            finally:
                if writer is not None:
                    os.close(writer)
                exporter.stop()
                exporter.close()


class WebConfigFile(unittest.TestCase):
    # crypt(3) bcrypt hash of "secret", cost 5.
    SECRET_HASH = "$2b$05$RwkzcCGIMXxwhvb4.5L7Le003GJXG/mXeYrI96bE2dGbud38pG6GG"

    def test_tls_and_basic_auth(self):
        openssl = shutil.which("openssl")
        if not openssl:
            self.skipTest("openssl not found")
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                            "-keyout", os.path.join(folder, "server.key"), "-out", os.path.join(folder, "server.crt"),
                            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                           check=True, capture_output=True, timeout=60)
            config = os.path.join(folder, "web.yml")
            with open(config, "w") as f:
                f.write("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                        f"basic_auth_users:\n  prometheus: '{self.SECRET_HASH}'\n"
                        "http_server_config:\n  headers:\n    X-Content-Type-Options: nosniff\n")
            context = ssl.create_default_context(cafile=os.path.join(folder, "server.crt"))
            good = {"Authorization": "Basic " + base64.b64encode(b"prometheus:secret").decode()}
            bad = {"Authorization": "Basic " + base64.b64encode(b"prometheus:wrong").decode()}
            exporter = Exporter([f"--web.config.file={config}"], scheme="https", ready_headers=good, context=context)
            try:
                status, headers, body = http(exporter.url + "/metrics", good, context=context)
                self.assertEqual(status, 200)
                self.assertIn(b"host_exporter_build_info", body)
                self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
                for headers in ({}, bad):
                    status, response_headers, _ = http(exporter.url + "/metrics", headers, context=context)
                    self.assertEqual(status, 401)
                    self.assertTrue(response_headers["WWW-Authenticate"].startswith("Basic"))
                with self.assertRaises(OSError):  # plain HTTP on the TLS port gets no answer it can read
                    http(exporter.url.replace("https://", "http://") + "/metrics", good, timeout=5)
            finally:
                exporter.stop()
                exporter.close()

    def test_bad_web_config_fails_the_start(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yml") as config:
            config.write("tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n  client_auth_type: Sometimes\n")
            config.flush()
            result = run([f"--web.config.file={config.name}", "--web.listen-address=127.0.0.1:1"], timeout=20)
        self.assertEqual(result.returncode, 1)
        self.assertIn("client_auth_type", result.stderr.decode())


class StartAndStop(unittest.TestCase):
    def test_sigterm_exits_zero_promptly(self):
        exporter = Exporter()
        try:
            self.assertEqual(http(exporter.url + "/metrics")[0], 200)
            started = time.monotonic()
            self.assertEqual(exporter.stop(signal.SIGTERM, timeout=5), 0)
            self.assertLess(time.monotonic() - started, 5)
            self.assertIn("shutting down", exporter.stderr())
        finally:
            exporter.close()

    def test_sigint_exits_zero(self):
        exporter = Exporter()
        try:
            self.assertEqual(exporter.stop(signal.SIGINT, timeout=5), 0)
        finally:
            exporter.close()

    def test_unresolvable_listen_address_fails_with_a_message(self):
        result = run(["--web.listen-address=256.0.0.1:9101"], timeout=20)
        self.assertEqual(result.returncode, 1)
        self.assertIn("256.0.0.1:9101", result.stderr.decode())

    def test_address_in_use_fails_the_whole_start(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            free = free_port()
            result = run([f"--web.listen-address=127.0.0.1:{free}", f"--web.listen-address=127.0.0.1:{port}"],
                         timeout=20)
        self.assertEqual(result.returncode, 1)
        message = result.stderr.decode()
        self.assertIn(f"127.0.0.1:{port}", message)
        self.assertIn("in use", message)

    def test_listens_on_a_host_name(self):
        # The Linux binary is static: glibc resolves localhost through /etc/hosts without loading NSS modules.
        port = free_port()
        process = subprocess.Popen([BINARY, f"--web.listen-address=localhost:{port}"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        try:
            status = None
            deadline = time.monotonic() + 20
            while status is None and time.monotonic() < deadline and process.poll() is None:
                try:
                    status = http(f"http://localhost:{port}/-/healthy", timeout=2)[0]
                except OSError:
                    time.sleep(0.1)
            self.assertEqual(status, 200, process.stderr.read().decode() if process.poll() is not None else "")
        finally:
            process.terminate()
            process.communicate(timeout=10)

    def test_malformed_listen_address_is_a_usage_error(self):
        result = run(["--web.listen-address=localhost"], timeout=20)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--web.listen-address", result.stderr.decode())


@unittest.skipUnless(sys.platform.startswith("linux"), "RLIMIT_NOFILE beyond FD_SETSIZE is tested on Linux")
class ProcessSetUp(unittest.TestCase):
    def test_serves_when_its_sockets_are_numbered_beyond_fd_setsize(self):
        # The processes collector may keep hundreds of /proc files open, so accepted sockets can be
        # numbered 1024 or above, which select() cannot watch.
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 1200
        if hard != resource.RLIM_INFINITY and hard < wanted + 100:
            self.skipTest(f"RLIMIT_NOFILE hard limit {hard} is too low")
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted + 100), hard))
        held = []
        try:
            with open(os.devnull, "rb") as null:
                held = [os.dup(null.fileno()) for _ in range(wanted)]
            self.assertGreaterEqual(max(held), 1024)
            exporter = Exporter(pass_fds=held)
            try:
                status, _, body = http(exporter.url + "/metrics")
                self.assertEqual(status, 200)
                self.assertIn(b"node_cpu_seconds_total", body)
            finally:
                exporter.close()
        finally:
            for fd in held:
                os.close(fd)
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


class Snapshot(unittest.TestCase):
    def test_prometheus_format_passes_promtool(self):
        result = run(["snapshot", "--format=prometheus", "--sampler.interval=200ms"])
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        text = result.stdout.decode("utf-8")
        self.assertIn("host_exporter_build_info{", text)
        check_with_promtool(self, text)

    def test_openmetrics_format(self):
        result = run(["snapshot", "--format=openmetrics", "--sampler.interval=200ms"])
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertTrue(result.stdout.decode("utf-8").endswith("# EOF\n"))

    def test_summary(self):
        result = run(["snapshot", "--sampler.interval=200ms"])
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        text = result.stdout.decode("utf-8")
        for section in ("Measuring: ", "CPU ", "load ", "Memory ", "Used ", "Available ", "Filesystems", "Network ("):
            self.assertIn(section, text)
        self.assertNotIn("\x1b", text, "no colours when stdout is not a terminal")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_server.py /path/to/host_exporter")
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
