"""Shared pieces of the Python tests: a host_exporter process on a free loopback port,
and reading a scrape back with the module's own strict parser."""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import host_exporter


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, headers=None, timeout=5):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


def samples(text):
    """{(name, frozenset(labels)): value} of an exposition, parsed by host_exporter.parse_samples."""
    return {(name, frozenset(labels.items())): value for name, labels, value in host_exporter.parse_samples(text)}


def value(text, name, **labels):
    """The value of one sample whose labels include `labels`; None when absent."""
    for sample_name, sample_labels, sample_value in host_exporter.parse_samples(text):
        if sample_name == name and all(sample_labels.get(k) == v for k, v in labels.items()):
            return sample_value
    return None


class Exporter:
    """The real host_exporter binary (HX_EXPORTER_BINARY), ingest sources only."""

    def __init__(self, workdir, args=(), env=None):
        binary = os.environ.get("HX_EXPORTER_BINARY")
        if not binary or not os.path.exists(binary):
            raise unittest_skip("HX_EXPORTER_BINARY is not set to a built host_exporter")
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.log_path = os.path.join(workdir, "exporter-%d.log" % self.port)
        self.log = open(self.log_path, "wb")
        command = [
            binary,
            "--web.listen-address=127.0.0.1:%d" % self.port,
            "--collector.disable-defaults",
            "--collector.textfile",
            "--push.persistence-file=" + os.path.join(workdir, "push.json"),
        ] + list(args)
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 20
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("host_exporter exited early:\n" + self.log_text())
            try:
                if http_get(self.base + "/metrics", timeout=2)[0] == 200:
                    return
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("host_exporter did not answer:\n" + self.log_text())
            time.sleep(0.05)

    def scrape(self):
        return http_get(self.base + "/metrics")[2].decode()

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def unittest_skip(reason):
    import unittest

    return unittest.SkipTest(reason)
