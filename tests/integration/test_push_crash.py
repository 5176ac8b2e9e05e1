#!/usr/bin/env python3
"""kill -9 during write-through pushes loses nothing acknowledged (issue 15).

Starts host_exporter with --push.persistence-interval=0s, has four threads PUT increasing values into their own
groups over keep-alive-less HTTP, sends SIGKILL while they push, restarts on the same persistence file and
checks that every group holds at least the last value answered 200 (a push answered after the kill's write
may be there too: it was written, its answer was lost).

Usage: test_push_crash.py path/to/host_exporter
"""

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exporter_harness  # noqa: E402

BINARY = None
THREADS = 4
GROUPS_PER_THREAD = 50


def put(base, job, value):
    request = urllib.request.Request(f"{base}/metrics/job/{job}", data=f"pushed_value {value}\n".encode(),
                                     method="PUT")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


class PushCrashTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="hx-push-crash-")
        self.command = [BINARY, "--push.persistence-interval=0s",
                        f"--push.persistence-file={os.path.join(self.workdir, 'push.json')}",
                        f"--collector.textfile.directory={self.workdir}/textfile"]

    def tearDown(self):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def test_kill_9_during_write_through_pushes_loses_nothing_acknowledged(self):
        acknowledged = {}  # job -> last value answered 200
        lock = threading.Lock()
        stop = threading.Event()

        with exporter_harness.RunningExporter(self.command) as exporter:
            base = exporter.url[: -len("/metrics")]

            def pusher(thread):
                value = 0
                while not stop.is_set():
                    value += 1
                    job = f"crash_{thread}_{value % GROUPS_PER_THREAD}"
                    try:
                        status = put(base, job, value)
                    except (OSError, urllib.error.URLError):
                        return  # the exporter is gone
                    if status == 200:
                        with lock:
                            acknowledged[job] = value

            threads = [threading.Thread(target=pusher, args=(t,)) for t in range(THREADS)]
            for thread in threads:
                thread.start()
            time.sleep(2.0)
            os.kill(exporter.pid, signal.SIGKILL)  # mid-push: the threads are still sending
            exporter.process.wait(timeout=10)
            stop.set()
            for thread in threads:
                thread.join(timeout=10)

        self.assertGreater(len(acknowledged), THREADS, "the pushers got answers before the kill")
        with exporter_harness.RunningExporter(self.command) as restarted:
            families = exporter_harness.parse_text(exporter_harness.scrape(restarted.url))
        restored = {}
        for (name, labels), value in families.get("pushed_value", exporter_harness.Family("x")).samples.items():
            restored[dict(labels)["job"]] = value
        lost = {job: value for job, value in acknowledged.items() if restored.get(job, 0) < value}
        print(f"{len(acknowledged)} groups acknowledged, {sum(1 for j in acknowledged if j in restored)} restored, "
              f"{len(lost)} with an acknowledged value lost", file=sys.stderr)
        self.assertEqual(lost, {})


if __name__ == "__main__":
    sys.exit(exporter_harness.main_with_binary(sys.modules[__name__]))
