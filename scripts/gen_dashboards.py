#!/usr/bin/env python3
"""Generates the Grafana dashboards in config/grafana/dashboards/ (Python stdlib only).

    scripts/gen_dashboards.py            rewrite the JSON files
    scripts/gen_dashboards.py --check    exit 1 when a committed file differs from what this script writes

The JSON is committed (Grafana provisions it as is); this script keeps the three dashboards consistent: the same
datasource variable, the same job/instance filters on every host_exporter selector, rate() over
$__rate_interval, a unit on every panel, stable uids and a layout computed row by row (never overlapping).

Which job each source has:
  host_exporter metrics (host_*, node_*, host:*)  job=~"$job", instance=~"$instance" (variables of the dashboard)
  RAG metrics (rag_*, rag:*)                      the RAG job/instance variables: pushed series carry the job the
                                                  application pushed under and no instance (instance="")
  postgres_exporter (pg_*)                        job="postgres"  (fixed: the job_name in config/monitoring/*.yml)
  cAdvisor (container_*)                          job="cadvisor"  (fixed, likewise)
"""

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "config", "grafana", "dashboards")

DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
HOST = 'job=~"$job", instance=~"$instance"'
RAG = 'job=~"$job", instance=~"$instance"'                # in rag_overview the variables are the RAG ones
SYS_RAG = 'job=~"$rag_job", instance=~"$rag_instance"'    # in system_overview they have their own names
POSTGRES = 'job="postgres"'
CADVISOR = 'job="cadvisor"'
TAGS = ["host_exporter"]

GREEN, ORANGE, RED = "green", "orange", "red"


# -- variables -----------------------------------------------------------------------------------------------------

def datasource_variable():
    return {
        "type": "datasource",
        "name": "datasource",
        "label": "Data source",
        "query": "prometheus",
        "current": {},
        "hide": 0,
        "includeAll": False,
        "multi": False,
        "options": [],
        "refresh": 1,
        "regex": "",
    }


def query_variable(name, label, query, all_values=False):
    """A label_values() variable. all_values: multi-select with "All" (= the regex .*, which also matches an
    absent label, so pushed series without an instance are included)."""
    variable = {
        "type": "query",
        "name": name,
        "label": label,
        "datasource": DATASOURCE,
        "definition": query,
        "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
        "current": {},
        "hide": 0,
        "includeAll": all_values,
        "multi": all_values,
        "options": [],
        "refresh": 2,  # on time range change: new instances appear without a reload
        "regex": "",
        "sort": 1,
    }
    if all_values:
        variable["allValue"] = ".*"
        variable["current"] = {"selected": True, "text": ["All"], "value": ["$__all"]}
    return variable


def host_variables():
    return [
        query_variable("job", "job", "label_values(host_exporter_build_info, job)"),
        query_variable("instance", "instance", 'label_values(host_exporter_build_info{job=~"$job"}, instance)'),
    ]


def rag_variables(job_name, instance_name):
    return [
        query_variable(job_name, "RAG job", "label_values(rag_query_total, job)", all_values=True),
        query_variable(instance_name, "RAG instance",
                       'label_values(rag_query_total{job=~"$%s"}, instance)' % job_name, all_values=True),
    ]


# -- panels --------------------------------------------------------------------------------------------------------

def target(expr, legend=""):
    return {"datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "range": True, "instant": False}


def thresholds(*steps):
    """steps: (value or None for the base, colour)."""
    return {"mode": "absolute", "steps": [{"color": colour, "value": value} for value, colour in steps]}


def timeseries(title, unit, targets, description="", minimum=None, maximum=None, stack=False):
    defaults = {
        "unit": unit,
        "color": {"mode": "palette-classic"},
        "custom": {
            "drawStyle": "line",
            "lineWidth": 1,
            "fillOpacity": 10,
            "showPoints": "never",
            "spanNulls": False,
            "stacking": {"mode": "normal" if stack else "none", "group": "A"},
        },
    }
    if minimum is not None:
        defaults["min"] = minimum
    if maximum is not None:
        defaults["max"] = maximum
    return {
        "type": "timeseries",
        "title": title,
        "description": description,
        "targets": targets,
        "fieldConfig": {"defaults": defaults, "overrides": []},
        "options": {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        },
    }


def stat(title, unit, targets, description="", steps=None, mappings=None, text_mode="auto", color_mode="value"):
    return {
        "type": "stat",
        "title": title,
        "description": description,
        "targets": targets,
        "fieldConfig": {
            "defaults": {
                "unit": unit,
                "color": {"mode": "thresholds"},
                "thresholds": steps or thresholds((None, GREEN)),
                "mappings": mappings or [],
            },
            "overrides": [],
        },
        "options": {
            "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
            "colorMode": color_mode,
            "graphMode": "none",
            "justifyMode": "auto",
            "textMode": text_mode,
            "orientation": "auto",
        },
    }


def value_mapping(texts_and_colours):
    """{value: (text, colour)} -> one Grafana "value" mapping."""
    return [{
        "type": "value",
        "options": {
            str(value): {"text": text, "color": colour, "index": index}
            for index, (value, (text, colour)) in enumerate(sorted(texts_and_colours.items(), reverse=True))
        },
    }]


def environment_stat(selector):
    return stat(
        "Measuring", "none",
        [target("host_exporter_measures_host{%s}" % selector, "{{instance}}")],
        description="1 when host_exporter measures the host itself; 0 inside a container or Docker Desktop's "
                    "Linux VM, where every host number is the VM's (run host_exporter natively: "
                    "docs/deployment.md).",
        steps=thresholds((None, RED), (1, GREEN)),
        mappings=value_mapping({1: ("host", GREEN), 0: ("NOT the host (container/VM)", RED)}),
        color_mode="background",
    )


def rate(metric, selector):
    return "rate(%s{%s}[$__rate_interval])" % (metric, selector)


def quantile(q, histogram, selector, by="le"):
    return "histogram_quantile(%s, sum by (%s) (%s))" % (q, by, rate(histogram + "_bucket", selector))


# -- layout --------------------------------------------------------------------------------------------------------

def layout(rows):
    """rows: [(height, [(width, panel), ...]), ...] -> panels with ids and gridPos, left to right, top to bottom."""
    panels, y, next_id = [], 0, 1
    for height, row in rows:
        x = 0
        for width, panel in row:
            if x + width > 24:
                raise ValueError("row wider than 24 columns at panel %r" % panel["title"])
            panel = dict(panel, id=next_id, gridPos={"h": height, "w": width, "x": x, "y": y})
            for index, t in enumerate(panel.get("targets", [])):
                t["refId"] = chr(ord("A") + index)
            panels.append(panel)
            next_id += 1
            x += width
        y += height
    return panels


def dashboard(uid, title, description, variables, rows, shared_crosshair=False):
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": TAGS,
        "timezone": "browser",
        "editable": True,
        "graphTooltip": 1 if shared_crosshair else 0,
        "schemaVersion": 39,
        "version": 1,
        "refresh": "30s",
        "time": {"from": "now-1h", "to": "now"},
        "timepicker": {},
        "fiscalYearStartMonth": 0,
        "liveNow": False,
        "annotations": {"list": []},
        "links": [{
            "type": "dashboards", "title": "host_exporter dashboards", "tags": TAGS, "asDropdown": True,
            "includeVars": False, "keepTime": True, "targetBlank": False, "icon": "external link",
            "tooltip": "", "url": "",
        }],
        "templating": {"list": [datasource_variable()] + variables},
        "panels": layout(rows),
    }


# -- the dashboards ------------------------------------------------------------------------------------------------

def host_overview():
    h = HOST
    rows = [
        (4, [
            (4, environment_stat(h)),
            (8, stat("Where host_exporter runs", "none",
                     [target("host_exporter_environment_info{%s}" % h,
                             "{{platform}} / virtualization {{virtualization}} / container {{container}} {{detail}}")],
                     description="host_exporter_environment_info: platform, hypervisor and container it detected.",
                     text_mode="name")),
            (4, stat("CPU", "percentunit", [target("host_cpu_utilization_ratio{%s}" % h)],
                     description="All cores, btop's formula over the sampler window.",
                     steps=thresholds((None, GREEN), (0.7, ORANGE), (0.9, RED)))),
            (4, stat("Memory used", "percentunit", [target("host:memory_used_ratio{%s}" % h)],
                     description="(total - available) / total, as btop (recording rule host:memory_used_ratio).",
                     steps=thresholds((None, GREEN), (0.8, ORANGE), (0.9, RED)))),
            (4, stat("Swap used", "bytes", [target("host_swap_used_bytes{%s}" % h)],
                     steps=thresholds((None, GREEN), (1073741824, ORANGE), (4294967296, RED)))),
        ]),
        (8, [
            (12, timeseries("CPU utilisation", "percentunit",
                            [target("host_cpu_utilization_ratio{%s}" % h, "all cores")],
                            description="btop's CPU %: (busy jiffies) / (all jiffies) of /proc/stat "
                                        "(host_statistics on macOS).",
                            minimum=0, maximum=1)),
            (12, timeseries("CPU utilisation per core", "percentunit",
                            [target("host_cpu_core_utilization_ratio{%s}" % h, "cpu {{cpu}}")],
                            minimum=0, maximum=1)),
        ]),
        (8, [
            (8, timeseries("Load average", "short", [
                target("node_load1{%s}" % h, "1m"),
                target("node_load5{%s}" % h, "5m"),
                target("node_load15{%s}" % h, "15m"),
            ], minimum=0)),
            (16, timeseries("Memory", "bytes", [
                target("host_memory_total_bytes{%s}" % h, "total"),
                target("host_memory_used_bytes{%s}" % h, "used"),
                target("host_memory_available_bytes{%s}" % h, "available"),
                target("host_memory_cached_bytes{%s}" % h, "cached"),
                target("host_memory_free_bytes{%s}" % h, "free"),
            ], description="btop's memory view: used = total - available.", minimum=0)),
        ]),
        (8, [
            (8, timeseries("Swap", "bytes", [
                target("host_swap_total_bytes{%s}" % h, "total"),
                target("host_swap_used_bytes{%s}" % h, "used"),
            ], minimum=0)),
            (8, timeseries("Filesystems used", "percentunit",
                           [target("host_filesystem_used_ratio{%s}" % h, "{{mountpoint}}")],
                           description="btop's disk %: blocks reserved for root count as used.",
                           minimum=0, maximum=1)),
            (8, timeseries("Processes and threads", "short", [
                target("host_processes{%s}" % h, "{{state}}"),
                target("host_threads{%s}" % h, "threads"),
            ], minimum=0)),
        ]),
        (8, [
            (12, timeseries("Disk I/O", "Bps", [
                target("host_disk_read_bytes_per_second{%s}" % h, "{{device}} read"),
                target("host_disk_write_bytes_per_second{%s}" % h, "{{device}} write"),
            ], description="True bytes per second (btop shows bytes per refresh interval).", minimum=0)),
            (12, timeseries("Network", "Bps", [
                target("host_network_receive_bytes_per_second{%s}" % h, "{{device}} receive"),
                target("host_network_transmit_bytes_per_second{%s}" % h, "{{device}} transmit"),
            ], minimum=0)),
        ]),
        (9, [
            (12, timeseries("Top process groups by CPU", "percentunit",
                            [target('topk(10, host_process_group_cpu_utilization_ratio{%s, name!="other"})' % h,
                                    "{{name}}")],
                            description="Processes grouped by name as btop shows them; share of the whole "
                                        "machine (btop's process CPU % / 100).",
                            minimum=0)),
            (12, timeseries("Top process groups by memory", "bytes",
                            [target('topk(10, host_process_group_resident_memory_bytes{%s, name!="other"})' % h,
                                    "{{name}}")],
                            description="Resident memory of each group, as btop.", minimum=0)),
        ]),
        (8, [
            (8, timeseries("Process group CPU time (cores)", "short",
                           [target("topk(10, sum by (name) (%s))"
                                   % rate("host_process_group_cpu_seconds_total", h), "{{name}}")],
                           description="CPU seconds per second: 1 = one core busy. \"other\" sums the groups "
                                       "without a series of their own.",
                           minimum=0)),
            (8, timeseries("Processes per group", "short",
                           [target('topk(10, host_process_group_processes{%s, name!="other"})' % h, "{{name}}")],
                           minimum=0)),
            (8, timeseries("Threads per group", "short",
                           [target('topk(10, host_process_group_threads{%s, name!="other"})' % h, "{{name}}")],
                           minimum=0)),
        ]),
    ]
    return dashboard("host-overview", "Host overview (btop view)",
                     "The host as btop shows it, measured by host_exporter running natively on the host.",
                     host_variables(), rows)


def rag_overview():
    r = RAG
    ratio = "sum(%s) / sum(%s)"
    rows = [
        (4, [
            (24, stat("Last update", "dateTimeFromNow",
                      [target("max by (job, instance) (app_last_update_timestamp_seconds{%s}) * 1000" % r,
                              "{{job}} {{instance}}")],
                      description="When each application last exported or pushed its metrics "
                                  "(app_last_update_timestamp_seconds). A batch script's export stays visible "
                                  "after it ended; an application serving its own /metrics has none.",
                      text_mode="value_and_name")),
        ]),
        (4, [
            (6, stat("Queries per second", "reqps", [target("sum(%s)" % rate("rag_query_total", r))])),
            (6, stat("Success ratio (5m)", "percentunit",
                     [target("rag:query_success_ratio:rate5m{%s}" % r, "{{job}}")],
                     steps=thresholds((None, RED), (0.9, ORANGE), (0.99, GREEN)))),
            (6, stat("p95 latency (5m)", "s", [target("rag:query_duration_seconds:p95_5m{%s}" % r, "{{job}}")],
                     steps=thresholds((None, GREEN), (10, ORANGE), (30, RED)))),
            (6, stat("Cache hit rate (5m)", "percentunit",
                     [target("rag:cache_hit_ratio:rate5m{%s}" % r, "{{job}}")],
                     steps=thresholds((None, RED), (0.2, ORANGE), (0.5, GREEN)))),
        ]),
        (8, [
            (12, timeseries("Query rate", "reqps", [
                target("sum by (job) (%s)" % rate("rag_query_total", r), "{{job}} queries"),
                target("sum by (job) (%s)" % rate("rag_query_success_total", r), "{{job}} successes"),
            ], minimum=0)),
            (12, timeseries("Errors by type", "reqps",
                            [target("sum by (error_type) (%s)" % rate("rag_query_errors_total", r),
                                    "{{error_type}}")],
                            description="rag_query_errors_total by error_type (the exception's class name).",
                            minimum=0)),
        ]),
        (8, [
            (12, timeseries("Query latency", "s", [
                target(quantile("0.5", "rag_query_duration_seconds", r), "p50"),
                target(quantile("0.95", "rag_query_duration_seconds", r), "p95"),
                target(quantile("0.99", "rag_query_duration_seconds", r), "p99"),
                target(ratio % (rate("rag_query_duration_seconds_sum", r),
                                rate("rag_query_duration_seconds_count", r)), "mean"),
            ], description="Quantiles interpolated within the histogram's buckets (50 ms .. 120 s).",
                minimum=0)),
            (12, timeseries("Success ratio", "percentunit",
                            [target(ratio % (rate("rag_query_success_total", r), rate("rag_query_total", r)),
                                    "success ratio")],
                            minimum=0, maximum=1)),
        ]),
        (8, [
            (8, timeseries("Documents retrieved per query", "short", [
                target(quantile("0.5", "rag_retrieval_documents", r), "p50"),
                target(quantile("0.95", "rag_retrieval_documents", r), "p95"),
                target(ratio % (rate("rag_retrieval_documents_sum", r), rate("rag_retrieval_documents_count", r)),
                       "mean"),
            ], minimum=0)),
            (8, timeseries("Retrieval score", "short", [
                # "> -Inf" drops NaN: a retrieval without documents has no mean, and shows as no data.
                target("rag_retrieval_score_avg{%s} > -Inf" % r, "last retrieval mean ({{job}})"),
                target(quantile("0.5", "rag_retrieval_score", r), "p50 of documents"),
                target(quantile("0.1", "rag_retrieval_score", r), "p10 of documents"),
            ], description="Similarity scores of the retrieved documents; a falling p10 means weaker matches. "
                           "No data before the first retrieval, or when the last one found no documents.")),
            (8, timeseries("Cache hit rate", "percentunit", [
                target(ratio % (rate("rag_cache_hits_total", r), rate("rag_cache_requests_total", r)),
                       "over the interval"),
                target("rag_cache_hit_rate{%s}" % r, "since start ({{job}})"),
            ], description="No data before the first cache lookup: an application without a cache has no hit rate.",
                minimum=0, maximum=1)),
        ]),
        (8, [
            (12, timeseries("Cache lookups", "reqps", [
                target("sum(%s)" % rate("rag_cache_requests_total", r), "lookups"),
                target("sum(%s)" % rate("rag_cache_hits_total", r), "hits"),
            ], minimum=0)),
            (12, timeseries("Error ratio (5m, as alerted)", "percentunit",
                            [target("rag:query_error_ratio:rate5m{%s}" % r, "{{job}}")],
                            description="The recording rule the RagQueryErrorRatioHigh alert uses (> 5%).",
                            minimum=0, maximum=1)),
        ]),
    ]
    return dashboard("rag-overview", "RAG overview",
                     "RAG application metrics (host_exporter.rag), pushed to or exported through host_exporter.",
                     rag_variables("job", "instance"), rows)


def system_overview():
    h, r = HOST, SYS_RAG
    rows = [
        (8, [
            (12, timeseries("RAG query latency", "s", [
                target(quantile("0.5", "rag_query_duration_seconds", r), "p50"),
                target(quantile("0.95", "rag_query_duration_seconds", r), "p95"),
            ], minimum=0)),
            (12, timeseries("RAG queries and errors", "reqps", [
                target("sum(%s)" % rate("rag_query_total", r), "queries"),
                target("sum(%s)" % rate("rag_query_errors_total", r), "errors"),
            ], minimum=0)),
        ]),
        (7, [
            (4, environment_stat(h)),
            (6, timeseries("Host CPU", "percentunit",
                           [target("host_cpu_utilization_ratio{%s}" % h, "all cores")], minimum=0, maximum=1)),
            (7, timeseries("Host memory", "bytes", [
                target("host_memory_used_bytes{%s}" % h, "used"),
                target("host_memory_available_bytes{%s}" % h, "available"),
                target("host_memory_cached_bytes{%s}" % h, "cached"),
            ], minimum=0)),
            (7, timeseries("Host swap used", "bytes",
                           [target("host_swap_used_bytes{%s}" % h, "swap used")], minimum=0)),
        ]),
        (7, [
            (4, stat("PostgreSQL", "none", [target("pg_up{%s}" % POSTGRES, "{{instance}}")],
                     description="pg_up of postgres_exporter: whether it could connect to PostgreSQL.",
                     steps=thresholds((None, RED), (1, GREEN)),
                     mappings=value_mapping({1: ("up", GREEN), 0: ("DOWN", RED)}),
                     color_mode="background")),
            (10, timeseries("Database size", "bytes",
                            [target("pg_database_size_bytes{%s}" % POSTGRES, "{{datname}}")], minimum=0)),
            (10, timeseries("Connections (backends)", "short",
                            [target('sum by (datname) (pg_stat_database_numbackends{%s, datname!=""})' % POSTGRES,
                                    "{{datname}}")], minimum=0)),
        ]),
        (8, [
            (12, timeseries("Container CPU (cores)", "short",
                            [target('sum by (name) (%s)'
                                    % rate("container_cpu_usage_seconds_total", CADVISOR + ', name!=""'), "{{name}}")],
                            description="cAdvisor, per named container; inside Docker Desktop's VM.", minimum=0)),
            (12, timeseries("Container memory", "bytes",
                            [target('sum by (name) (container_memory_usage_bytes{%s, name!=""})' % CADVISOR,
                                    "{{name}}")], minimum=0)),
        ]),
    ]
    return dashboard("system-overview", "System overview (RAG, host, PostgreSQL, containers)",
                     "One time axis: RAG latency next to the host's CPU, memory and swap, PostgreSQL and containers.",
                     host_variables() + rag_variables("rag_job", "rag_instance"), rows, shared_crosshair=True)


DASHBOARDS = {
    "host_overview.json": host_overview,
    "rag_overview.json": rag_overview,
    "system_overview.json": system_overview,
}


def render(build):
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 on a difference")
    parser.add_argument("--out", default=OUT_DIR, help="directory to write or compare (default: %(default)s)")
    args = parser.parse_args()
    stale = []
    for name, build in DASHBOARDS.items():
        path = os.path.join(args.out, name)
        text = render(build)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        else:
            os.makedirs(args.out, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        print("gen_dashboards: out of date (run scripts/gen_dashboards.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
