"""Reads the Grafana dashboards of config/grafana/dashboards and gives every query as Prometheus would run it.

    from dashboards import panel_queries
    for q in panel_queries():                       # template variables substituted
        print(q.dashboard, q.panel_title, q.ref_id, q.expr)
    panel_queries(values={"job": "host", "instance": "127.0.0.1:9101"})   # pin variables
    panel_queries(values_by_dashboard={"rag-overview": {"job": "rag"}})  # per dashboard uid, over `values`

Variables are replaced in all of Grafana's spellings ($var, ${var}, ${var:format}, [[var]]):
$__rate_interval and $__interval by "1m", $__range by "1h", $datasource by "prometheus", and every other
variable by values.get(name, ".*") (a dashboard's selectors use =~, so ".*" is "All"). Python stdlib only.
"""

import collections
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD_DIR = os.path.join(ROOT, "config", "grafana", "dashboards")

DEFAULT_VALUES = {
    "__rate_interval": "1m",
    "__interval": "1m",
    "__range": "1h",
    "datasource": "prometheus",
}

PanelQuery = collections.namedtuple(
    "PanelQuery", "path dashboard dashboard_uid panel_id panel_title ref_id raw_expr expr")

_VARIABLE = re.compile(r"\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)")


def substitute(text, values=None):
    """`text` with every template variable replaced (see the module's docstring)."""
    merged = dict(DEFAULT_VALUES)
    merged.update(values or {})

    def replace(match):
        name = match.group(1) or match.group(2) or match.group(3)
        return merged.get(name, ".*")

    return _VARIABLE.sub(replace, text)


def load_dashboards(directory=DASHBOARD_DIR):
    """[(path, dashboard dict)] for every *.json file of `directory`, in name order."""
    result = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                result.append((path, json.load(f)))
    return result


def iter_panels(dashboard):
    """Every panel, including those nested in (collapsed) rows."""
    for panel in dashboard.get("panels", []):
        yield panel
        for nested in panel.get("panels", []) or []:
            yield nested


def panel_queries(directory=DASHBOARD_DIR, values=None, values_by_dashboard=None):
    """Every (dashboard, panel, target) query, raw and with the variables substituted. The same variable name can
    mean different things in different dashboards ($job is host_exporter's job in host-overview and the RAG
    application's in rag-overview): values_by_dashboard {uid: {name: value}} overrides `values` per dashboard."""
    queries = []
    for path, dashboard in load_dashboards(directory):
        dashboard_values = dict(values or {})
        dashboard_values.update((values_by_dashboard or {}).get(dashboard.get("uid"), {}))
        for panel in iter_panels(dashboard):
            for t in panel.get("targets", []) or []:
                raw = t.get("expr", "")
                queries.append(PanelQuery(
                    path=path,
                    dashboard=dashboard.get("title", ""),
                    dashboard_uid=dashboard.get("uid", ""),
                    panel_id=panel.get("id"),
                    panel_title=panel.get("title", ""),
                    ref_id=t.get("refId", ""),
                    raw_expr=raw,
                    expr=substitute(raw, dashboard_values),
                ))
    return queries


def variable_queries(dashboard, values=None):
    """{variable name: query} of the dashboard's query variables (label_values(...)), substituted."""
    result = {}
    for variable in dashboard.get("templating", {}).get("list", []):
        if variable.get("type") != "query":
            continue
        query = variable.get("query")
        if isinstance(query, dict):
            query = query.get("query", "")
        result[variable["name"]] = substitute(query or "", values)
    return result


if __name__ == "__main__":
    for q in panel_queries():
        print("%s | %s | %s | %s" % (os.path.basename(q.path), q.panel_title, q.ref_id, q.expr))
