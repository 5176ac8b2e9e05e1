"""host_exporter: application metrics for Prometheus, on host_exporter's C++ library.

Metrics live in one process-wide registry. Creating a metric is get-or-create: the
same name, type and label names give back the same metric (code that runs twice in
one process, such as a Streamlit script, gets its metrics back); a mismatch raises
ValueError saying what differs.

    from host_exporter import Counter, Histogram, start_http_server
    requests = Counter("app_requests_total", "Requests handled.", ["route"])
    requests.labels("/search").inc()
    latency = Histogram("app_request_duration_seconds", "Request latency.")
    with latency.time():
        ...
    start_http_server(9102)          # idempotent per address

Ways out: start_http_server (scraped), write_textfile (host_exporter's textfile
directory), push (host_exporter's push API or a Pushgateway). For a RAG application,
see host_exporter.rag.
"""

from ._host_exporter import (
    Counter,
    CounterChild,
    Exposer,
    Gauge,
    GaugeChild,
    Histogram,
    HistogramChild,
    HistogramSnapshot,
    PushError,
    Timer,
    TimerTargets,
    default_buckets,
    default_textfile_directory,
    default_textfile_path,
    exponential_buckets,
    generate_latest,
    linear_buckets,
    parse_samples,
    push,
    start_http_server,
    write_textfile,
)

__version__ = "0.1.0"

__all__ = [
    "Counter",
    "CounterChild",
    "Exposer",
    "Gauge",
    "GaugeChild",
    "Histogram",
    "HistogramChild",
    "HistogramSnapshot",
    "PushError",
    "Timer",
    "TimerTargets",
    "default_buckets",
    "default_textfile_directory",
    "default_textfile_path",
    "exponential_buckets",
    "generate_latest",
    "linear_buckets",
    "parse_samples",
    "push",
    "start_http_server",
    "write_textfile",
]
