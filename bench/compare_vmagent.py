#!/usr/bin/env python3
"""Agent mode against the usual pair: host_exporter --remote-write.url (A) beside host_exporter scraped by
Debian's vmagent (B), both writing to one victoria-metrics on loopback, in the same run, at the same interval.

Per side, over the run: CPU milliseconds per remote-write interval (utime+stime from /proc/<pid>/stat, for B
the exporter and vmagent together), resident memory (VmRSS at the end, summed for B), samples sent and bytes
per sample on the wire (A: host_exporter_remote_write_bytes_total / samples_total; B: vmagent's
vmagent_remotewrite_bytes_sent_total / vmagent_remotewrite_block_size_rows_sum), and the ratios B / A.
Both sides run at once, so the load other programs put on the machine falls on both; --rounds repeats the
whole run with fresh processes and prints every round.

  /usr/bin/python3 bench/compare_vmagent.py [--interval 5] [--duration 60] [--rounds 2] [BINARY]

BINARY defaults to build/release/src/cli/host_exporter. Goal (issue 19): A costs less CPU and memory than B.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import exporter_harness  # noqa: E402
from remote_write_receivers import VictoriaMetrics, wait_until  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / CLOCK_TICKS  # utime + stime


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def metric_sum(url, name):
    total = 0.0
    for line in exporter_harness.scrape(url).splitlines():
        if line.startswith(name) and (line[len(name)] in " {"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def one_round(binary, interval, duration, receiver, work):
    textfile = os.path.join(work, "textfile")
    os.makedirs(textfile, exist_ok=True)
    common = [binary, f"--collector.textfile.directory={textfile}"]
    agent = exporter_harness.RunningExporter(
        common + [f"--remote-write.url={receiver.write_url}", f"--remote-write.interval={interval}s",
                  f"--remote-write.queue-dir={work}/queue", "--remote-write.label=instance=agent"]).__enter__()
    scraped = exporter_harness.RunningExporter(common).__enter__()
    vmagent = None
    try:
        port = exporter_harness.free_port()
        target = scraped.url.split("//")[1].split("/")[0]
        config = os.path.join(work, "scrape.yml")
        with open(config, "w") as f:
            f.write(f"scrape_configs:\n- job_name: host\n  scrape_interval: {interval}s\n"
                    f"  static_configs:\n  - targets: ['{target}']\n    labels: {{instance: vmagent}}\n")
        vmagent = subprocess.Popen(["vmagent", f"-promscrape.config={config}", f"-remoteWrite.url={receiver.write_url}",
                                    f"-remoteWrite.tmpDataPath={work}/vmagent", f"-httpListenAddr=127.0.0.1:{port}",
                                    "-loggerLevel=ERROR"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        vm_url = f"http://127.0.0.1:{port}/metrics"
        wait_until(lambda: metric_sum(vm_url, "vmagent_remotewrite_bytes_sent_total") > 0, 60, "vmagent's first send")
        wait_until(lambda: metric_sum(agent.url, "host_exporter_remote_write_samples_total") > 0, 60, "agent's first send")
        start = {"a": cpu_ms(agent.pid), "b": cpu_ms(scraped.pid) + cpu_ms(vmagent.pid)}
        a_sent0 = metric_sum(agent.url, "host_exporter_remote_write_samples_total")
        a_bytes0 = metric_sum(agent.url, "host_exporter_remote_write_bytes_total")
        b_rows0 = metric_sum(vm_url, "vmagent_remotewrite_block_size_rows_sum")
        b_bytes0 = metric_sum(vm_url, "vmagent_remotewrite_bytes_sent_total")
        time.sleep(duration)
        used = {"a": cpu_ms(agent.pid) - start["a"], "b": cpu_ms(scraped.pid) + cpu_ms(vmagent.pid) - start["b"]}
        a_sent = metric_sum(agent.url, "host_exporter_remote_write_samples_total") - a_sent0
        a_bytes = metric_sum(agent.url, "host_exporter_remote_write_bytes_total") - a_bytes0
        b_rows = metric_sum(vm_url, "vmagent_remotewrite_block_size_rows_sum") - b_rows0
        b_bytes = metric_sum(vm_url, "vmagent_remotewrite_bytes_sent_total") - b_bytes0
        intervals = duration / interval
        print(f"  B's parts: exporter {rss_kib(scraped.pid)} KiB, vmagent {rss_kib(vmagent.pid)} KiB resident")
        return {
            "cpu_ms_per_interval": (used["a"] / intervals, used["b"] / intervals),
            "rss_kib": (rss_kib(agent.pid), rss_kib(scraped.pid) + rss_kib(vmagent.pid)),
            "samples_sent": (a_sent, b_rows),
            "bytes_per_sample": (a_bytes / a_sent if a_sent else 0, b_bytes / b_rows if b_rows else 0),
        }
    finally:
        if vmagent is not None:
            vmagent.terminate()
            vmagent.wait(timeout=30)
        scraped.stop()
        agent.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", default=os.path.join(ROOT, "build/release/src/cli/host_exporter"))
    parser.add_argument("--interval", type=int, default=5)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    for tool in ("victoria-metrics", "vmagent"):
        if not shutil.which(tool):
            print(f"missing: {tool} (scripts/install-deps.sh --for test)", file=sys.stderr)
            return 2
    print(f"interval {args.interval} s, {args.duration} s per round, A = agent mode, B = exporter + vmagent")
    with VictoriaMetrics() as receiver:
        for round_number in range(1, args.rounds + 1):
            work = tempfile.mkdtemp(prefix="hx-bench-vmagent-")
            try:
                result = one_round(args.binary, args.interval, args.duration, receiver, work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            print(f"round {round_number}")
            for name, (a, b) in result.items():
                ratio = f"{b / a:.2f}" if a else "-"
                print(f"  {name:28} A {a:12.1f}   B {b:12.1f}   B/A {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
