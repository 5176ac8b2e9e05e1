#!/usr/bin/env python3
"""Agent mode (issue 19) against real receivers on loopback: Debian's victoria-metrics (single node) and
prometheus --web.enable-remote-write-receiver. The receiver's stored samples equal /metrics; an outage, a
kill -9 while the receiver is down and a full disk lose nothing and duplicate at most one batch; two
instances land side by side.

Usage: test_remote_write.py path/to/host_exporter [unittest arguments]
Environment: HX_RW_OUTAGE_SECONDS (default 10, ten intervals; the issue's long form is 60).
"""

import base64
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exporter_harness  # noqa: E402
from remote_write_receivers import PrometheusReceiver, SecuredPrometheus, VictoriaMetrics, wait_until  # noqa: E402

BINARY = None
INTERVAL_S = 1
OUTAGE_S = int(os.environ.get("HX_RW_OUTAGE_SECONDS", "10"))
PROBE = "host_memory_total_bytes"


def self_metrics(exporter):
    """host_exporter_remote_write_* of one running exporter, summed over destinations: {name(+reason): value}."""
    families = exporter_harness.parse_text(exporter_harness.scrape(exporter.url))
    totals = {}
    for name, family in families.items():
        if not name.startswith("host_exporter_remote_write_"):
            continue
        for (sample, labels), value in family.samples.items():
            reason = dict(labels).get("reason")
            key = sample[len("host_exporter_remote_write_"):] + (f":{reason}" if reason else "")
            totals[key] = totals.get(key, 0) + value
    return totals


def drained(exporter):
    m = self_metrics(exporter)
    return m["queue_batches"] == 0 and m["samples_total"] > 0


def stored_after(receiver, selector, after_ms):
    """How many samples of the one series `selector` names the receiver holds after `after_ms`."""
    series = receiver.raw_samples(selector)
    return sum(1 for samples in series.values() for t, _ in samples if t > after_ms)


def check_every_interval_once(test, samples, start_ms=None, end_ms=None, max_duplicates=0):
    """samples: [(ms, value)] of one series. Every gather between start and end is there (no gap wider than
    two intervals) and at most `max_duplicates` timestamps come twice."""
    stamps = [t for t, _ in samples if (start_ms is None or t >= start_ms) and (end_ms is None or t <= end_ms)]
    test.assertGreater(len(stamps), 2, f"too few samples: {samples}")
    duplicates = len(stamps) - len(set(stamps))
    test.assertLessEqual(duplicates, max_duplicates, f"duplicated timestamps in {stamps}")
    unique = sorted(set(stamps))
    gaps = [(a, b) for a, b in zip(unique, unique[1:]) if b - a > 2 * INTERVAL_S * 1000]
    test.assertEqual(gaps, [], "samples missing between these timestamps")


class AgentCase(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="hx-agent-")
        self.queue_dir = os.path.join(self.workdir, "queue")
        self.cleanups = []

    def tearDown(self):
        for cleanup in reversed(self.cleanups):
            cleanup()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def receiver(self, kind):
        receiver = kind()
        self.cleanups.append(receiver.close)
        return receiver.start()

    def exporter(self, url, instance, queue_dir=None, extra=()):
        command = [BINARY, f"--remote-write.url={url}", f"--remote-write.interval={INTERVAL_S}s",
                   f"--remote-write.label=instance={instance}", f"--remote-write.queue-dir={queue_dir or self.queue_dir}",
                   f"--collector.textfile.directory={self.workdir}/textfile", *extra]
        exporter = exporter_harness.RunningExporter(command).__enter__()
        self.cleanups.append(exporter.stop)
        return exporter

    def wait_sent(self, exporter, batches=3):
        """Until the receiver acknowledged `batches` gathers' worth of samples."""
        first = {}

        def enough():
            m = self_metrics(exporter)
            if m["samples_total"] <= 0:
                return False
            first.setdefault("per_batch", m["samples_total"])
            return m["samples_total"] >= batches * first["per_batch"] * 0.9

        wait_until(enough, 60, f"{batches} batches acknowledged")


class BothReceivers(AgentCase):
    def check_receiver_equals_metrics(self, kind):
        receiver = self.receiver(kind)
        exporter = self.exporter(receiver.write_url, "hx-equal")
        self.wait_sent(exporter, batches=3)
        served = exporter_harness.parse_text(exporter_harness.scrape(exporter.url))[PROBE].series()[()]
        if isinstance(receiver, VictoriaMetrics):
            receiver.flush()
        stored = receiver.query(f'{PROBE}{{instance="hx-equal"}}')
        self.assertEqual(list(stored.values()), [served], f"stored {stored}, /metrics {served}")
        labels = dict(next(iter(stored)))
        self.assertEqual(labels, {"__name__": PROBE, "instance": "hx-equal"})
        m = self_metrics(exporter)
        self.assertEqual(m["samples_failed_total"], 0)
        self.assertEqual(m["samples_dropped_total:queue_full"] + m["samples_dropped_total:write_failed"], 0)
        self.assertGreater(m["bytes_total"], 0)

    def test_victoria_metrics_stores_what_metrics_serves(self):
        self.check_receiver_equals_metrics(VictoriaMetrics)

    def test_prometheus_stores_what_metrics_serves(self):
        self.check_receiver_equals_metrics(PrometheusReceiver)

    def test_two_instances_land_side_by_side(self):
        receiver = self.receiver(VictoriaMetrics)
        one = self.exporter(receiver.write_url, "hx-one", queue_dir=os.path.join(self.workdir, "q1"))
        two = self.exporter(receiver.write_url, "hx-two", queue_dir=os.path.join(self.workdir, "q2"))
        self.wait_sent(one)
        self.wait_sent(two)
        receiver.flush()
        for name in (PROBE, "node_cpu_seconds_total", "host_exporter_remote_write_samples_total"):
            instances = {dict(k)["instance"] for k in receiver.query(name)}
            self.assertEqual(instances, {"hx-one", "hx-two"}, name)
        counts = receiver.query('count by (instance) ({instance=~"hx-one|hx-two"})')
        for key, count in counts.items():
            self.assertGreater(count, 100, f"{key}: only {count} series")


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


class ClientConfigFile(AgentCase):
    """--remote-write.config.file against a Prometheus that wants TLS, a client certificate and basic auth."""

    # crypt(3) bcrypt hash of "secret", cost 5 (test_server.py's).
    SECRET_HASH = "$2b$05$RwkzcCGIMXxwhvb4.5L7Le003GJXG/mXeYrI96bE2dGbud38pG6GG"

    def setUp(self):
        super().setUp()
        if not shutil.which("openssl"):
            self.skipTest("needs the openssl command")
        d = self.workdir
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", f"{d}/ca.key",
                "-out", f"{d}/ca.crt", "-subj", "/CN=test CA")
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", f"{d}/server.key",
                "-out", f"{d}/server.crt", "-subj", "/CN=receiver", "-addext", "subjectAltName=DNS:localhost")
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{d}/client.key", "-out", f"{d}/client.csr",
                "-subj", "/CN=agent")
        with open(f"{d}/client.ext", "w") as f:
            f.write("extendedKeyUsage=clientAuth\n")
        openssl("x509", "-req", "-in", f"{d}/client.csr", "-CA", f"{d}/ca.crt", "-CAkey", f"{d}/ca.key",
                "-CAcreateserial", "-days", "1", "-out", f"{d}/client.crt", "-extfile", f"{d}/client.ext")
        context = ssl.create_default_context(cafile=f"{d}/server.crt")
        context.load_cert_chain(f"{d}/client.crt", f"{d}/client.key")
        self.web_config = (f"tls_server_config:\n  cert_file: {d}/server.crt\n  key_file: {d}/server.key\n"
                           f"  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: {d}/ca.crt\n"
                           f"basic_auth_users:\n  agent: {self.SECRET_HASH}\n")
        receiver = SecuredPrometheus(self.web_config, context)
        receiver.authorization = "Basic " + base64.b64encode(b"agent:secret").decode()
        self.cleanups.append(receiver.close)
        self.prometheus = receiver.start()

    def client_config(self, password):
        path = os.path.join(self.workdir, f"client-{password}.yml")
        with open(path, "w") as f:
            # Relative paths: relative to this file.
            f.write(f"basic_auth:\n  username: agent\n  password: {password}\n"
                    "tls_config:\n  ca_file: server.crt\n  cert_file: client.crt\n  key_file: client.key\n")
        return path

    def test_tls_with_a_client_certificate_and_basic_auth(self):
        exporter = self.exporter(self.prometheus.write_url, "hx-tls",
                                 extra=[f"--remote-write.config.file={self.client_config('secret')}"])
        self.wait_sent(exporter)
        served = exporter_harness.parse_text(exporter_harness.scrape(exporter.url))[PROBE].series()[()]
        self.assertEqual(list(self.prometheus.query(f'{PROBE}{{instance="hx-tls"}}').values()), [served])

    def test_a_refused_password_drops_batches_counted(self):
        exporter = self.exporter(self.prometheus.write_url, "hx-401",
                                 extra=[f"--remote-write.config.file={self.client_config('wrong')}"])
        wait_until(lambda: self_metrics(exporter)["samples_failed_total"] > 0, 60, "a 401 to count as failed")
        m = self_metrics(exporter)
        self.assertEqual(m["samples_total"], 0)
        self.assertLessEqual(m["queue_batches"], 1)  # refused for good: not kept for retries
        self.assertIn("status=401", exporter.stderr())


class Outages(AgentCase):
    def test_an_outage_loses_and_duplicates_nothing(self):
        receiver = self.receiver(VictoriaMetrics)
        exporter = self.exporter(receiver.write_url, "hx-outage")
        self.wait_sent(exporter)
        down_at = int(time.time() * 1000)
        receiver.stop()
        time.sleep(OUTAGE_S)
        self.assertGreater(self_metrics(exporter)["queue_batches"], OUTAGE_S // 2)
        up_at = int(time.time() * 1000)
        receiver.start()
        wait_until(lambda: drained(exporter), 120, "the queue to drain")
        selector = f'{PROBE}{{instance="hx-outage"}}'
        wait_until(lambda: stored_after(receiver, selector, up_at) >= 2, 60, "gathers after the outage to arrive")
        m = self_metrics(exporter)
        self.assertGreater(m["samples_retried_total"], 0)
        self.assertEqual(m["samples_failed_total"], 0)
        self.assertEqual(m["samples_dropped_total:queue_full"] + m["samples_dropped_total:write_failed"], 0)
        exporter.stop()  # no more gathers: the stored set is final
        series = receiver.raw_samples(selector)
        self.assertEqual(len(series), 1, series.keys())
        samples = next(iter(series.values()))
        self.assertLess(samples[0][0], down_at)
        self.assertGreater(samples[-1][0], up_at)
        check_every_interval_once(self, samples)

    def test_kill_9_while_the_receiver_is_down_loses_nothing(self):
        receiver = self.receiver(VictoriaMetrics)
        exporter = self.exporter(receiver.write_url, "hx-kill")
        self.wait_sent(exporter)
        receiver.stop()
        wait_until(lambda: self_metrics(exporter)["queue_batches"] >= 5, 60, "batches to queue up")
        exporter.process.kill()  # SIGKILL: no shutdown, no flush
        exporter.process.wait()
        killed_at = int(time.time() * 1000)
        restarted = self.exporter(receiver.write_url, "hx-kill")
        wait_until(lambda: self_metrics(restarted)["queue_batches"] >= 8, 60, "the kept and new batches")
        restarted_at = int(time.time() * 1000)
        receiver.start()
        wait_until(lambda: drained(restarted), 120, "the queue to drain")
        selector = f'{PROBE}{{instance="hx-kill"}}'
        wait_until(lambda: stored_after(receiver, selector, restarted_at) >= 3, 60, "gathers after the restart")
        restarted.stop()
        samples = next(iter(receiver.raw_samples(selector).values()))
        # Every gather of the first process (sent, or queued when it died) and of the second is there; the
        # batch in flight when it died may come twice (the one batch the design allows).
        check_every_interval_once(self, samples, end_ms=killed_at - 2 * INTERVAL_S * 1000, max_duplicates=1)
        check_every_interval_once(self, samples, start_ms=restarted_at - 3 * INTERVAL_S * 1000)

    def test_a_full_disk_keeps_serving_counts_drops_and_recovers(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a small tmpfs for the queue (run as root, as CI does)")
        mount_point = os.path.join(self.workdir, "small")
        os.makedirs(mount_point)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount_point],
                                capture_output=True, text=True)
        if result.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs here: {result.stderr.strip()}")
        self.cleanups.append(lambda: subprocess.run(["umount", "-l", mount_point], check=False))
        receiver = self.receiver(VictoriaMetrics)
        receiver.stop()
        exporter = self.exporter(receiver.write_url, "hx-full", queue_dir=os.path.join(mount_point, "q"),
                                 extra=["--remote-write.queue-max-bytes=64MiB"])
        wait_until(lambda: self_metrics(exporter)["samples_dropped_total:write_failed"] > 0, 120,
                   "the small disk to fill")
        body = exporter_harness.scrape(exporter.url)
        self.assertIn(PROBE, body)  # /metrics is served while the queue cannot grow
        stored_batches = self_metrics(exporter)["queue_batches"]
        full_at = int(time.time() * 1000)  # every batch counted above was gathered before this
        self.assertGreater(stored_batches, 0)
        receiver.start()
        wait_until(lambda: drained(exporter), 120, "the queue to drain")
        recovered_at = int(time.time() * 1000)
        dropped = self_metrics(exporter)["samples_dropped_total:write_failed"]
        selector = f'{PROBE}{{instance="hx-full"}}'
        wait_until(lambda: stored_after(receiver, selector, recovered_at) >= 3, 60, "gathers after the recovery")
        self.assertEqual(self_metrics(exporter)["samples_dropped_total:write_failed"], dropped,
                         "batches still dropped after space came back")
        samples = next(iter(receiver.raw_samples(selector).values()))
        self.assertGreaterEqual(len([t for t, _ in samples if t < full_at]), stored_batches,
                                "the batches kept on the full disk were sent")
        check_every_interval_once(self, samples, start_ms=recovered_at)


if __name__ == "__main__":
    missing = [p for p in ("victoria-metrics", "prometheus") if not shutil.which(p)]
    if missing:
        print(f"skipped: {', '.join(missing)} not on PATH (scripts/install-deps.sh --for test)", file=sys.stderr)
        sys.exit(77)
    sys.exit(exporter_harness.main_with_binary(sys.modules[__name__]))
