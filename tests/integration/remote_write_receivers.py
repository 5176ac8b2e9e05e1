"""Real remote-write receivers on loopback for the agent-mode tests and the bench: Debian's
victoria-metrics (single node) and prometheus with --web.enable-remote-write-receiver.
Each keeps its data directory and port across stop() and start(), as an outage does.

Standard library only.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import exporter_harness


def get_json(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode())


def wait_until(predicate, timeout, what):
    """Polls predicate() until it is true; raises AssertionError saying `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Receiver:
    name = ""
    write_path = ""
    ready_path = ""

    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix=f"hx-rw-{self.name}-")
        self.port = exporter_harness.free_port()
        self.process = None
        self.log = open(os.path.join(self.workdir, "log"), "wb")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def write_url(self):
        return self.base + self.write_path

    def command(self):
        raise NotImplementedError

    def start(self):
        self.process = subprocess.Popen(self.command(), stdout=self.log, stderr=self.log)
        wait_until(self._ready, 60, f"{self.name} to become ready")
        return self

    def _ready(self):
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited: {open(self.log.name, errors='replace').read()[-2000:]}")
        with urllib.request.urlopen(self.base + self.ready_path, timeout=2) as response:
            return response.status == 200

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def close(self):
        self.stop()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
        return False

    def query(self, promql):
        """Instant query: {labels-as-tuple: value}."""
        data = get_json(f"{self.base}/api/v1/query?query={urllib.parse.quote(promql)}")
        return {tuple(sorted(r["metric"].items())): float(r["value"][1]) for r in data["data"]["result"]}


class VictoriaMetrics(Receiver):
    name = "victoria-metrics"
    write_path = "/api/v1/write"
    ready_path = "/health"

    def command(self):
        return ["victoria-metrics", f"-storageDataPath={self.workdir}/data", f"-httpListenAddr=127.0.0.1:{self.port}",
                "-retentionPeriod=1d", "-search.latencyOffset=0s", "-search.disableCache", "-loggerLevel=ERROR"]

    def flush(self):
        urllib.request.urlopen(f"{self.base}/internal/force_flush", timeout=10).read()

    def raw_samples(self, selector):
        """Every stored sample of the series matching `selector`: {labels-as-tuple: [(ms, value), ...]}
        in timestamp order, duplicates included (deduplication is off by default)."""
        self.flush()
        url = f"{self.base}/api/v1/export?match[]={urllib.parse.quote(selector)}"
        with urllib.request.urlopen(url, timeout=30) as response:
            lines = response.read().decode().splitlines()
        series = {}
        for line in lines:
            item = json.loads(line)
            key = tuple(sorted(item["metric"].items()))
            series.setdefault(key, []).extend(zip(item["timestamps"], item["values"]))
        return {k: sorted(v) for k, v in series.items()}


class PrometheusReceiver(Receiver):
    name = "prometheus"
    write_path = "/api/v1/write"
    ready_path = "/-/ready"

    def command(self):
        config = os.path.join(self.workdir, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global: {}\n")
        return ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={self.workdir}/data",
                f"--web.listen-address=127.0.0.1:{self.port}", "--web.enable-remote-write-receiver",
                "--log.level=error"]

    def raw_samples(self, selector, window="10m"):
        data = get_json(f"{self.base}/api/v1/query?query={urllib.parse.quote(selector + '[' + window + ']')}")
        return {tuple(sorted(r["metric"].items())): sorted((int(float(t) * 1000), float(v)) for t, v in r["values"])
                for r in data["data"]["result"]}


class SecuredPrometheus(PrometheusReceiver):
    """Prometheus whose web config asks for TLS, a client certificate signed by `ca` and basic auth:
    `web_config` is the YAML text (paths inside it absolute)."""

    def __init__(self, web_config, client_context):
        super().__init__()
        self.web_config = web_config
        self.client_context = client_context  # an ssl.SSLContext with the client's certificate
        self.authorization = None

    @property
    def base(self):
        return f"https://localhost:{self.port}"

    def command(self):
        path = os.path.join(self.workdir, "web.yml")
        with open(path, "w") as f:
            f.write(self.web_config)
        return super().command() + [f"--web.config.file={path}"]

    def _open(self, url, timeout):
        request = urllib.request.Request(url, headers={"Authorization": self.authorization} if self.authorization else {})
        return urllib.request.urlopen(request, timeout=timeout, context=self.client_context)

    def _ready(self):
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited: {open(self.log.name, errors='replace').read()[-2000:]}")
        with self._open(self.base + self.ready_path, 2) as response:
            return response.status == 200

    def query(self, promql):
        with self._open(f"{self.base}/api/v1/query?query={urllib.parse.quote(promql)}", 10) as response:
            data = json.loads(response.read().decode())
        return {tuple(sorted(r["metric"].items())): float(r["value"][1]) for r in data["data"]["result"]}
