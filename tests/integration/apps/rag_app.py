#!/usr/bin/env python3
"""A RAG application for test_multi_app.py. Its job is the name it runs under (the test copies it to
rag_web.py, rag_chat.py, ...), as a real application's is its script's name.

Records --queries queries (each retrieving 3 documents scored 0.9, 0.8, 0.7), optionally a cache hit and a
miss, optionally a last retrieval with no documents; then gets its metrics out:
  --auto-export SECONDS   start_auto_export (a long-running app)
  --export-once           export() (a batch script)
  --push-url URL          PUT every --push-every seconds, with urllib (the body from generate_latest(), the
                          group from the module's identity: /metrics/job/<job>/instance@base64/<instance>)
and runs for --run-for seconds (default: until killed). SIGTERM exits cleanly (the auto-export writes once more).
"""

import argparse
import base64
import signal
import sys
import time
import urllib.request

from host_exporter import generate_latest
from host_exporter.rag import get_metrics


def push(url, metrics):
    instance = base64.urlsafe_b64encode(metrics.instance.encode()).decode().rstrip("=")
    request = urllib.request.Request(
        "%s/metrics/job/%s/instance@base64/%s" % (url, metrics.job, instance),
        data=generate_latest(), method="PUT", headers={"Content-Type": "text/plain; version=0.0.4"})
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=1)
    parser.add_argument("--cache", action="store_true")
    parser.add_argument("--empty-retrieval", action="store_true")
    parser.add_argument("--auto-export", type=float)
    parser.add_argument("--export-once", action="store_true")
    parser.add_argument("--push-url")
    parser.add_argument("--push-every", type=float, default=1.0)
    parser.add_argument("--run-for", type=float, default=0)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    metrics = get_metrics()
    for _ in range(args.queries):
        with metrics.query_timer():
            metrics.record_retrieval(num_documents=3, scores=[0.9, 0.8, 0.7])
            metrics.record_query_success()
    if args.cache:
        metrics.record_cache_hit()
        metrics.record_cache_miss()
    if args.empty_retrieval:
        metrics.record_retrieval(num_documents=0, scores=[])
    if args.auto_export:
        metrics.start_auto_export(interval_s=args.auto_export)
    if args.export_once:
        metrics.export()
    print("ready", metrics.job, metrics.instance, flush=True)

    deadline = time.monotonic() + args.run_for if args.run_for > 0 else None
    while deadline is None or time.monotonic() < deadline:
        if args.push_url:
            try:
                push(args.push_url, metrics)
            except OSError as error:  # the exporter restarting: push again next time, as a real app would
                print("push failed:", error, file=sys.stderr, flush=True)
        time.sleep(args.push_every if args.push_url else 0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
