#!/usr/bin/env python3
"""A RAG-shaped application instrumented with host_exporter.rag.

It simulates what a retrieval-augmented chat does (a response cache, vector retrieval,
an LLM call) with realistic latencies, scores, cache hits and failures, and records it
all. Get the metrics out any way you like:

  python3 examples/rag_demo.py --serve 9102            # scrape http://127.0.0.1:9102/metrics
  python3 examples/rag_demo.py --push http://127.0.0.1:9101   # host_exporter's push API
  python3 examples/rag_demo.py --export                # <textfile dir>/rag_demo.rag_demo.prom
  python3 examples/rag_demo.py --auto-export 5 --job rag --instance blue   # a long-running app
  python3 examples/rag_demo.py --fast --iterations 20  # no sleeping (tests)

With --serve it keeps serving after the last query until Ctrl-C (unless --fast).
"""

import argparse
import random
import sys
import time

from host_exporter.rag import get_metrics


class RateLimitError(Exception):
    """What an LLM API answers when called too often."""


class EmptyContextError(Exception):
    """Retrieval found nothing to answer from."""


QUESTIONS = [
    "How do I rotate the API keys?",
    "What is our refund policy?",
    "Summarise last quarter's incident reports.",
    "Which regions does the service run in?",
    "How do I reset a user's password?",
]


class SimulatedRag:
    """A cache, a retriever and an LLM whose timings and failures look like real ones."""

    def __init__(self, rng, time_scale):
        self.rng = rng
        self.time_scale = time_scale
        self.cache = set()

    def sleep(self, seconds):
        if self.time_scale > 0:
            time.sleep(seconds * self.time_scale)

    def query(self, question, metrics):
        if question in self.cache and self.rng.random() < 0.8:  # entries expire now and then
            metrics.record_cache_hit()
            self.sleep(self.rng.uniform(0.005, 0.03))
            return "(cached) answer to " + question
        metrics.record_cache_miss()

        # Embedding + vector search: tens to hundreds of milliseconds.
        self.sleep(self.rng.lognormvariate(-2.5, 0.5))
        documents = self.rng.choice([0, 2, 3, 4, 5, 5, 5, 8]) if self.rng.random() < 0.97 else 0
        scores = sorted((min(1.0, self.rng.betavariate(8, 3)) for _ in range(documents)), reverse=True)
        metrics.record_retrieval(num_documents=documents, scores=scores)
        if documents == 0:
            raise EmptyContextError("no document matched")

        # The LLM: around a second and a half, with a long tail; sometimes refused or slow.
        roll = self.rng.random()
        if roll < 0.03:
            self.sleep(0.2)
            raise RateLimitError("429 Too Many Requests")
        if roll < 0.05:
            self.sleep(self.rng.uniform(20, 30))
            raise TimeoutError("LLM did not answer in time")
        self.sleep(self.rng.lognormvariate(0.4, 0.6))
        self.cache.add(question)
        return "answer to " + question


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=100, help="queries to run (default 100)")
    parser.add_argument("--fast", action="store_true", help="do not sleep; exit when done (tests)")
    parser.add_argument("--seed", type=int, default=None, help="random seed, for a repeatable run")
    parser.add_argument("--serve", type=int, metavar="PORT", help="serve /metrics on 127.0.0.1:PORT (0: any)")
    parser.add_argument("--push", metavar="URL", help="push to host_exporter or a Pushgateway at the end")
    parser.add_argument("--export", nargs="?", const="", metavar="PATH",
                        help="write a .prom file at the end (default: the textfile directory)")
    parser.add_argument("--auto-export", type=float, metavar="SECONDS",
                        help="export every SECONDS while running (start_auto_export), as a web app would")
    parser.add_argument("--job", help="the application's name (default: rag_demo)")
    parser.add_argument("--instance", help="tells two copies of this script on one host apart")
    parser.add_argument("--linger", type=float, default=0, metavar="SECONDS",
                        help="keep running this long after the last query (tests)")
    args = parser.parse_args(argv)

    metrics = get_metrics(job=args.job, instance=args.instance)
    if args.auto_export:
        print("auto-exporting to", metrics.start_auto_export(interval_s=args.auto_export), flush=True)
    if args.serve is not None:
        port = metrics.serve(port=args.serve)
        print("serving http://127.0.0.1:%d/metrics" % port, flush=True)

    rag = SimulatedRag(random.Random(args.seed), time_scale=0.0 if args.fast else 1.0)
    for i in range(args.iterations):
        question = rag.rng.choice(QUESTIONS)
        if rag.rng.random() < 0.5:  # half the questions are asked once only
            question += " (#%d)" % i
        try:
            with metrics.query_timer():
                rag.query(question, metrics)
                metrics.record_query_success()
        except Exception as e:  # the application's own error handling
            metrics.record_query_error(type(e).__name__)
        if not args.fast and (i + 1) % 10 == 0:
            print("%d queries" % (i + 1), flush=True)

    if args.export is not None:
        print("exported to", metrics.export(args.export or None))
    if args.push:
        metrics.push(url=args.push)
        print("pushed to", args.push)
    if args.linger > 0:
        time.sleep(args.linger)
    if args.serve is not None and not args.fast:
        print("done; still serving (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
