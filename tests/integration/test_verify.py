"""`host_exporter verify` against a real Prometheus.

Starts host_exporter (job host) and a second host_exporter reading the Docker Desktop
LinuxKit VM fixture (job node), both scraped every second by a real Prometheus, all on
free loopback ports. verify must pass for the host job alone, and must name the node job
as measuring another machine (exit 1) once that target is in Prometheus.

Standard library only; run with /usr/bin/python3 (or CMake's Python3_EXECUTABLE):
    test_verify.py --binary build/.../host_exporter --fixtures tests/fixtures [--prometheus /usr/bin/prometheus]
"""

import argparse
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
import urllib.parse
import urllib.request

ARGS = None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def wait_until(what, predicate, timeout):
    """Polls predicate() until it is true; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception as e:  # not up yet
            last_error = e
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last error: {last_error})")


class Processes:
    """Every process started here, each in its own process group, stopped whatever happens."""

    def __init__(self):
        self.started = []

    def start(self, command, log_path):
        log = open(log_path, "wb")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append((process, log))
        return process

    def stop_all(self):
        for process, log in reversed(self.started):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            log.close()
        self.started = []


class VerifyAgainstPrometheus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="hx-verify-")
        cls.processes = Processes()
        try:
            cls._start_stack()
        except BaseException:
            cls.processes.stop_all()
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.processes.stop_all()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def _start_exporter(cls, name, extra):
        port = free_port()
        process = cls.processes.start(
            [ARGS.binary, f"--web.listen-address=127.0.0.1:{port}", "--sampler.interval=1s"] + extra,
            os.path.join(cls.tmp, name + ".log"))
        wait_until(f"{name} on port {port}", lambda: http_get(f"http://127.0.0.1:{port}/metrics") != "", 20)
        return port, process

    @classmethod
    def _start_stack(cls):
        textfiles = os.path.join(cls.tmp, "textfile")
        os.mkdir(textfiles)
        with open(os.path.join(textfiles, "rag.prom"), "w") as f:
            f.write("# TYPE rag_documents_indexed gauge\nrag_documents_indexed 42\n")
        cls.textfiles = textfiles
        cls.host_port, _ = cls._start_exporter("host", [f"--collector.textfile.directory={textfiles}"])
        linuxkit = os.path.join(ARGS.fixtures, "environments", "docker-desktop-linuxkit")
        cls.node_port, cls.node_exporter = cls._start_exporter("node", [
            f"--path.procfs={linuxkit}/proc", f"--path.sysfs={linuxkit}/sys", f"--path.rootfs={linuxkit}/root",
            "--no-collector.processes", "--no-collector.textfile"])

        # Two configs: the host job alone, then with the node job (reloaded via SIGHUP).
        cls.config_path = os.path.join(cls.tmp, "prometheus.yml")
        cls._write_config(with_node=False)
        cls.prometheus_port = free_port()
        cls.prometheus_url = f"http://127.0.0.1:{cls.prometheus_port}"
        cls.prometheus = cls.processes.start([
            ARGS.prometheus, f"--config.file={cls.config_path}",
            f"--storage.tsdb.path={os.path.join(cls.tmp, 'tsdb')}",
            f"--web.listen-address=127.0.0.1:{cls.prometheus_port}", "--web.enable-lifecycle"],
            os.path.join(cls.tmp, "prometheus.log"))
        wait_until("Prometheus ready", lambda: http_get(cls.prometheus_url + "/-/ready").strip() != "", 60)
        # A few scrapes, with whole CPU windows, before verify compares anything.
        wait_until("5 samples of host_cpu_utilization_ratio",
                   lambda: cls._count('count_over_time(host_cpu_utilization_ratio{job="host"}[1m])') >= 5, 60)

    @classmethod
    def _write_config(cls, with_node):
        jobs = [("host", cls.host_port)] + ([("node", cls.node_port)] if with_node else [])
        text = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
        for job, port in jobs:
            text += (f"  - job_name: {job}\n    honor_labels: true\n"
                     f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n")
        with open(cls.config_path, "w") as f:
            f.write(text)

    @classmethod
    def _query(cls, promql):
        body = http_get(cls.prometheus_url + "/api/v1/query?" + urllib.parse.urlencode({"query": promql}))
        return json.loads(body)["data"]["result"]

    @classmethod
    def _count(cls, promql):
        result = cls._query(promql)
        return float(result[0]["value"][1]) if result else 0

    def verify(self, *extra, window="6s"):
        command = [ARGS.binary, "verify", f"--prometheus={self.prometheus_url}", f"--window={window}",
                   f"--web.listen-address=127.0.0.1:{self.host_port}",
                   f"--collector.textfile.directory={self.textfiles}", *extra]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return completed

    def findings(self, completed, check):
        report = json.loads(completed.stdout)
        return [f for f in report["findings"] if f["check"] == check]

    def test_1_host_job_alone_is_consistent(self):
        completed = self.verify("--format=json")
        self.assertEqual(completed.returncode, 0, completed.stdout + completed.stderr)
        report = json.loads(completed.stdout)
        self.assertTrue(report["consistent"])
        checks = {f["check"]: f for f in report["findings"] if f["target"].startswith("host/")}
        for check in ("target", "memory", "cpu", "filesystem", "machine"):
            self.assertIn(check, checks, completed.stdout)
            self.assertEqual(checks[check]["verdict"], "ok", completed.stdout)
        # The CPU was compared over matched windows, not skipped.
        self.assertIn("within 2 points", checks["cpu"]["summary"])
        rag = self.findings(completed, "rag-metrics")
        self.assertEqual([f["verdict"] for f in rag], ["ok"], completed.stdout)

        table = self.verify()
        self.assertEqual(table.returncode, 0, table.stdout + table.stderr)
        self.assertIn("STATUS", table.stdout)
        self.assertIn("Consistent", table.stdout)

    def test_2_linuxkit_target_measures_another_machine(self):
        self._write_config(with_node=True)
        self.prometheus.send_signal(signal.SIGHUP)
        wait_until("job node scraped",
                   lambda: self._count('count_over_time(node_memory_MemTotal_bytes{job="node"}[1m])') >= 2, 60)
        completed = self.verify("--format=json")
        self.assertEqual(completed.returncode, 1, completed.stdout + completed.stderr)
        machines = {f["target"]: f for f in self.findings(completed, "machine")}
        node = machines[f"node/127.0.0.1:{self.node_port}"]
        self.assertEqual(node["verdict"], "fail")
        self.assertIn(f"job node at 127.0.0.1:{self.node_port} reports 7.7 GiB and 8 CPUs", node["summary"])
        self.assertIn("kernel 6.10.14-linuxkit", node["summary"])
        self.assertIn("likely Docker Desktop's", node["summary"])
        self.assertEqual(machines[f"host/127.0.0.1:{self.host_port}"]["verdict"], "ok")

        table = self.verify()
        self.assertEqual(table.returncode, 1)
        self.assertIn("it measures a VM, likely Docker Desktop's", table.stdout)
        self.assertIn("Inconsistent", table.stdout)

    def test_3_missing_rag_metrics(self):
        # A rag_* metric that exists here (a new textfile) but that Prometheus has not stored.
        extra = os.path.join(self.tmp, "textfile-extra")
        os.makedirs(extra, exist_ok=True)
        with open(os.path.join(extra, "more.prom"), "w") as f:
            f.write("# TYPE rag_queries_total counter\nrag_queries_total 3\n")
        completed = self.verify("--format=json", f"--collector.textfile.directory={extra}")
        self.assertEqual(completed.returncode, 1, completed.stdout)
        rag = self.findings(completed, "rag-metrics")
        self.assertEqual(rag[0]["verdict"], "fail")
        self.assertTrue(any("rag_queries_total" in d for d in rag[0]["details"]), rag)

    def test_4_target_down(self):
        os.killpg(self.node_exporter.pid, signal.SIGTERM)
        self.node_exporter.wait(timeout=10)
        wait_until("up{job=node} == 0", lambda: len(self._query('up{job="node"} == 0')) == 1, 30)
        completed = self.verify("--format=json")
        self.assertEqual(completed.returncode, 1, completed.stdout)
        targets = {f["target"]: f for f in self.findings(completed, "target")}
        node = targets[f"node/127.0.0.1:{self.node_port}"]
        self.assertEqual(node["verdict"], "fail")
        self.assertIn("is down", node["summary"])
        self.assertTrue(any("last scrape error" in d for d in node["details"]), node)
        self.assertEqual(targets[f"host/127.0.0.1:{self.host_port}"]["verdict"], "ok")

    def test_5_unreachable_prometheus_is_a_clear_error(self):
        completed = subprocess.run([ARGS.binary, "verify", f"--prometheus=http://127.0.0.1:{free_port()}"],
                                   capture_output=True, text=True, timeout=60)
        self.assertEqual(completed.returncode, 1)
        self.assertIn("cannot reach Prometheus", completed.stderr)
        self.assertNotIn("fatal", completed.stderr)

    def test_6_usage_errors_exit_2(self):
        for args in (["verify"], ["verify", "--prometheus=127.0.0.1:9090"],
                     ["verify", "--prometheus=http://x", "--format=yaml"]):
            completed = subprocess.run([ARGS.binary, *args], capture_output=True, text=True, timeout=30)
            self.assertEqual(completed.returncode, 2, (args, completed.stderr))

    # Issue 17: verify was silent for its whole window and still measured for it when there was nothing to compare.
    def test_7_missing_job_stops_at_once_with_the_reason(self):
        started = time.monotonic()
        completed = self.verify("--job=no_such_job", window="40s")
        self.assertEqual(completed.returncode, 1, completed.stdout + completed.stderr)
        self.assertLess(time.monotonic() - started, 15)
        self.assertIn('no target in job "no_such_job"', completed.stderr)
        self.assertIn("asking " + self.prometheus_url, completed.stderr)  # progress came first

    def test_8_job_down_stops_at_once_with_the_reason(self):
        # After test_4 the node job's only target is down.
        wait_until("up{job=node} == 0", lambda: len(self._query('up{job="node"} == 0')) == 1, 30)
        started = time.monotonic()
        completed = self.verify("--job=node", "--format=json", window="40s")
        self.assertEqual(completed.returncode, 1, completed.stdout + completed.stderr)
        self.assertLess(time.monotonic() - started, 15)
        error = json.loads(completed.stdout)["error"]
        self.assertIn('every target of job "node" is down', error)
        self.assertIn("connection refused", error)

    def test_9_progress_while_measuring(self):
        completed = self.verify(window="3s")
        for step in ("asking", "job host: 1 target, 1 up", "measuring this host for 3 s", "comparing"):
            self.assertIn(step, completed.stderr)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--prometheus", default=shutil.which("prometheus") or "/usr/bin/prometheus")
    ARGS, rest = parser.parse_known_args()
    if not os.path.exists(ARGS.prometheus):
        print(f"skipped: no prometheus binary at {ARGS.prometheus}")
        return 77  # ctest SKIP_RETURN_CODE
    program = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
