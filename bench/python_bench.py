#!/usr/bin/env python3
"""Cost per call of the Python API (host_exporter module), in nanoseconds.

  PYTHONPATH=build/release/python /usr/bin/python3 bench/python_bench.py [--repeat 7]

Each figure is the best of --repeat timeit runs of N calls, divided by N; the
"empty method call" line is the interpreter's own floor for a call. When
prometheus_client is importable, its equivalents are measured too.
"""

import argparse
import timeit

import host_exporter
from host_exporter.rag import get_metrics


class _Empty:
    def call(self):
        pass


def measure(statement, setup_globals, number, repeat):
    timer = timeit.Timer(statement, globals=setup_globals)
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=200_000)
    args = parser.parse_args()

    metrics = get_metrics()
    counter = host_exporter.Counter("bench_plain_total", "x")
    labelled = host_exporter.Counter("bench_labelled_total", "x", ["route"])
    child = labelled.labels("/search")
    gauge = host_exporter.Gauge("bench_gauge", "x")
    histogram = host_exporter.Histogram("bench_seconds", "x")
    scores = [0.91, 0.85, 0.8, 0.72, 0.6]
    g = dict(globals(), **locals())

    cases = [
        ("empty method call (floor)", "e.call()", dict(g, e=_Empty())),
        ("Counter.inc()", "counter.inc()", g),
        ("labelled child .inc() (child kept)", "child.inc()", g),
        ("Counter.labels('/search').inc()", "labelled.labels('/search').inc()", g),
        ("Gauge.set(1.5)", "gauge.set(1.5)", g),
        ("Histogram.observe(0.3)", "histogram.observe(0.3)", g),
        ("rag record_query_success()", "metrics.record_query_success()", g),
        ("rag record_cache_hit()", "metrics.record_cache_hit()", g),
        ("rag record_query_error('TimeoutError')", "metrics.record_query_error('TimeoutError')", g),
        ("rag record_retrieval(5 docs, 5 scores)", "metrics.record_retrieval(num_documents=5, scores=scores)", g),
        ("rag `with query_timer(): pass`", "with metrics.query_timer(): pass", g),
    ]
    try:
        import prometheus_client as pc

        registry = pc.CollectorRegistry()
        pc_counter = pc.Counter("pc_plain", "x", registry=registry)
        pc_histogram = pc.Histogram("pc_seconds", "x", registry=registry)
        pg = dict(g, pc_counter=pc_counter, pc_histogram=pc_histogram)
        cases += [
            ("prometheus_client Counter.inc()", "pc_counter.inc()", pg),
            ("prometheus_client Histogram.observe(0.3)", "pc_histogram.observe(0.3)", pg),
        ]
    except ImportError:
        pass

    width = max(len(name) for name, _, _ in cases)
    for name, statement, globals_ in cases:
        print("%-*s %8.0f ns" % (width, name, measure(statement, globals_, args.number, args.repeat)))


if __name__ == "__main__":
    main()
