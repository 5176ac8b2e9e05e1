#!/usr/bin/env python3
"""Checks the monitoring stack's configuration: Prometheus configs and rules (promtool), the Grafana dashboards
and provisioning, docker-compose.yml, the service definitions (systemd, launchd, Homebrew) and the scripts.

Usage: test_stack_config.py [--binary /path/to/host_exporter]
  promtool from $HX_PROMTOOL or PATH; PyYAML, systemd-analyze, shellcheck and ruby are used when present (the
  checks that need them are skipped otherwise). With --binary, scripts/start_host_exporter.sh is run for real on
  a free loopback port.
"""

import glob
import os
import plistlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dashboards  # noqa: E402  (tests/integration/dashboards.py)

try:
    import yaml
except ImportError:  # Debian: python3-yaml (scripts/install-deps.sh); Homebrew has no formula for it
    yaml = None

ROOT = dashboards.ROOT
CONFIG = os.path.join(ROOT, "config")
MONITORING = os.path.join(CONFIG, "monitoring")
RULES = os.path.join(MONITORING, "rules")
PROMETHEUS_CONFIGS = [os.path.join(MONITORING, "prometheus.yml"), os.path.join(MONITORING, "prometheus.native.yml")]
COMPOSE = os.path.join(CONFIG, "docker-compose.yml")
START_SCRIPT = os.path.join(ROOT, "scripts", "start_host_exporter.sh")
SCRIPTS = [os.path.join(ROOT, "launch.sh"), START_SCRIPT]
BINARY = None  # --binary


def tool(name, env=None):
    path = os.environ.get(env) if env else None
    if path and not path.endswith("NOTFOUND") and os.access(path, os.X_OK):
        return path
    return shutil.which(name)


PROMTOOL = tool("promtool", "HX_PROMTOOL")


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)


def tools_without(name, scratch):
    """A PATH of symlinks to every tool on PATH except `name` (a directory made under `scratch`)."""
    directory = os.path.join(scratch, "path-without-" + name)
    if not os.path.isdir(directory):
        os.makedirs(directory)
        for entry in os.environ.get("PATH", "").split(os.pathsep):
            if not os.path.isdir(entry):
                continue
            for tool_name in os.listdir(entry):
                link = os.path.join(directory, tool_name)
                if tool_name != name and not os.path.lexists(link):
                    os.symlink(os.path.join(entry, tool_name), link)
    return directory


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def need_yaml(test):
    if yaml is None:
        test.skipTest("PyYAML not installed (python3-yaml)")


def need_promtool(test):
    if not PROMTOOL:
        test.skipTest("promtool not found")


# -- Prometheus ----------------------------------------------------------------------------------------------------

class PrometheusConfig(unittest.TestCase):
    def test_promtool_check_config_from_another_directory(self):
        # rule_files are relative: promtool (like Prometheus) resolves them against the config file's directory, so
        # this passes from any working directory. Target hostnames (host.docker.internal, cadvisor, ...) are NOT
        # resolved by promtool check config: the Docker config passes on a machine where they mean nothing.
        need_promtool(self)
        with tempfile.TemporaryDirectory() as elsewhere:
            for config in PROMETHEUS_CONFIGS:
                result = run([PROMTOOL, "check", "config", config], cwd=elsewhere)
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
                self.assertIn("3 rule files found", result.stdout + result.stderr)
                self.assertIn("alerts.yml", result.stdout + result.stderr)

    def test_docker_config_hostnames_need_not_resolve(self):
        # The statement above, pinned down: if the check ever starts resolving names, this machine (which has no
        # host.docker.internal) would make it fail.
        try:
            socket.getaddrinfo("host.docker.internal", 9101)
            self.skipTest("host.docker.internal resolves here: nothing to show")
        except socket.gaierror:
            pass
        need_promtool(self)
        result = run([PROMTOOL, "check", "config", PROMETHEUS_CONFIGS[0]])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_rule_glob_matches_rules_not_tests(self):
        for config in PROMETHEUS_CONFIGS:
            with open(config, encoding="utf-8") as f:
                self.assertIn("  - rules/*.yml", f.read())
        found = sorted(os.path.basename(p) for p in glob.glob(os.path.join(MONITORING, "rules/*.yml")))
        self.assertEqual(found, ["alerts.yml", "recording.yml", "root_cause_note.yml"])

    def test_jobs(self):
        need_yaml(self)
        docker, native = (load_yaml(p) for p in PROMETHEUS_CONFIGS)
        jobs = {j["job_name"]: j for j in docker["scrape_configs"]}
        self.assertEqual(set(jobs), {"host", "postgres", "cadvisor", "docker_vm", "prometheus", "rag-app"})
        self.assertIs(jobs["host"]["honor_labels"], True)
        self.assertEqual(jobs["host"]["static_configs"], [{"targets": ["host.docker.internal:9101"]}])
        self.assertEqual(jobs["postgres"]["static_configs"][0]["targets"], ["postgres-exporter:9187"])
        self.assertEqual(jobs["cadvisor"]["static_configs"][0]["targets"], ["cadvisor:8080"])
        # The VM's node_exporter can never pass for the host: its own labels, no honor_labels, no host_* series.
        vm = jobs["docker_vm"]
        self.assertFalse(vm.get("honor_labels", False))
        set_labels = {r["target_label"]: r["replacement"] for r in vm["relabel_configs"]}
        self.assertEqual(set_labels, {"instance": "docker-desktop-vm", "machine": "docker-desktop-vm"})
        self.assertEqual(vm["metric_relabel_configs"][0]["action"], "drop")
        self.assertEqual(vm["metric_relabel_configs"][0]["regex"], "host_.*")

        native_jobs = {j["job_name"]: j for j in native["scrape_configs"]}
        # Issue 17: the root-cause note's rag-app job, for applications serving their own /metrics; its targets come
        # from files, so no running application means no target (not a permanent up == 0).
        for config_jobs in (jobs, native_jobs):
            self.assertEqual(config_jobs["rag-app"]["file_sd_configs"], [{"files": ["sd/rag-app/*.yml"],
                                                                          "refresh_interval": "30s"}])
        example = os.path.join(MONITORING, "sd", "rag-app", "rag_web.yml.example")
        self.assertEqual(load_yaml(example)[0]["targets"], ["host.docker.internal:9102"])
        self.assertIs(native_jobs["host"]["honor_labels"], True)
        self.assertEqual(native_jobs["host"]["static_configs"], [{"targets": ["localhost:9101"]}])
        for job in native_jobs.values():
            for group in job.get("static_configs", []):
                for t in group["targets"]:
                    self.assertTrue(t.startswith("localhost:"), t)


class Rules(unittest.TestCase):
    def test_promtool_check_rules(self):
        need_promtool(self)
        files = sorted(glob.glob(os.path.join(RULES, "*.yml")))
        result = run([PROMTOOL, "check", "rules"] + files)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_promtool_test_rules(self):
        need_promtool(self)
        tests = sorted(glob.glob(os.path.join(RULES, "tests", "*.yml")))
        self.assertGreaterEqual(len(tests), 2)
        result = run([PROMTOOL, "test", "rules"] + tests, cwd=os.path.join(RULES, "tests"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def alerts(self):
        return [r for g in load_yaml(os.path.join(RULES, "alerts.yml"))["groups"] for r in g["rules"]]

    def test_every_alert_is_tested_firing_and_not_firing(self):
        need_yaml(self)
        firing, quiet = set(), set()
        for path in glob.glob(os.path.join(RULES, "tests", "*.yml")):
            for case in load_yaml(path)["tests"]:
                for check in case.get("alert_rule_test", []):
                    (firing if check.get("exp_alerts") else quiet).add(check["alertname"])
        names = {a["alert"] for a in self.alerts()}
        self.assertGreaterEqual(len(names), 10)
        self.assertEqual(names - firing, set(), "alerts without a firing case")
        self.assertEqual(names - quiet, set(), "alerts without a not-firing case")

    def test_alerts_say_what_to_do(self):
        need_yaml(self)
        expected = {"HostExporterDown", "ExporterDown", "HostExporterNotMeasuringHost", "HostMemoryPressure",
                    "HostSwapGrowing", "HostFilesystemAlmostFull", "HostFilesystemFillingUp",
                    "RagQueryErrorRatioHigh", "RagQueryLatencyHigh", "RagCacheHitRateCollapsed"}
        alerts = self.alerts()
        self.assertTrue(expected <= {a["alert"] for a in alerts})
        for alert in alerts:
            with self.subTest(alert=alert["alert"]):
                self.assertIn(alert["labels"]["severity"], ("warning", "critical"))
                self.assertRegex(alert["for"], r"^\d+[mh]$")
                self.assertTrue(alert["annotations"]["summary"].strip())
                self.assertGreater(len(alert["annotations"]["description"]), 80)

    def test_recording_rules_keep_job_and_instance(self):
        need_yaml(self)
        for group in load_yaml(os.path.join(RULES, "recording.yml"))["groups"]:
            for rule in group["rules"]:
                for aggregation in re.findall(r"\b(?:sum|avg|max|min|count)\s+by\s*\(([^)]*)\)", rule["expr"]):
                    labels = {label.strip() for label in aggregation.split(",")}
                    self.assertTrue({"job", "instance"} <= labels, rule["record"])


# -- Grafana -------------------------------------------------------------------------------------------------------

EXPECTED_UIDS = {"host_overview.json": "host-overview", "rag_overview.json": "rag-overview",
                 "system_overview.json": "system-overview"}
# Metric prefix -> the matchers every selector of such a metric must carry. $X stands for "some variable".
HOST_PREFIXES = ("host_", "host:", "node_", "process_")
RAG_PREFIXES = ("rag_", "rag:", "app_")  # app_last_update_timestamp_seconds: written by the Python module
VARIABLE_MATCHER = r'%s=~"\$\w+"'
FIXED_JOBS = {"pg_": 'job="postgres"', "container_": 'job="cadvisor"'}
# PromQL words that are never metric names; the grouping ones are followed by a label list to skip.
AGGREGATIONS = {"sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
                "count_values", "limitk", "limit_ratio"}
GROUPING = {"by", "without", "on", "ignoring", "group_left", "group_right"}
KEYWORDS = GROUPING | {"bool", "offset", "and", "or", "unless", "atan2", "inf", "nan"}
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]()]|\d+(?:\.\d+)?[a-zA-Z]*|[a-zA-Z_:][a-zA-Z0-9_:]*|\S')


def selectors(expr):
    """[(metric name, matcher text or None)] of every vector selector in a PromQL expression."""
    tokens = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(expr)]
    found, i = [], 0

    def closing(i, open_, close):  # index of the token closing tokens[i]
        depth = 0
        for j in range(i, len(tokens)):
            depth += {open_: 1, close: -1}.get(tokens[j][0], 0)
            if depth == 0:
                return j
        raise ValueError("unbalanced %s in %s" % (open_, expr))

    while i < len(tokens):
        token = tokens[i][0]
        following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if token == "[":
            i = closing(i, "[", "]") + 1  # a range or subquery window
        elif token == "{":
            i = closing(i, "{", "}") + 1  # a selector without a metric name
        elif re.match(r"[a-zA-Z_:]", token):
            if token in GROUPING and following == "(":
                i = closing(i + 1, "(", ")") + 1
            elif token in AGGREGATIONS or token.lower() in KEYWORDS or following == "(":
                i += 1
            elif following == "{":
                end = closing(i + 1, "{", "}")
                found.append((token, expr[tokens[i + 1][2]:tokens[end][1]]))
                i = end + 1
            else:
                found.append((token, None))
                i += 1
        else:
            i += 1
    return found


class Dashboards(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dashboards = dashboards.load_dashboards()
        cls.queries = dashboards.panel_queries()

    def test_generator_output_is_committed(self):
        result = run([sys.executable, os.path.join(ROOT, "scripts", "gen_dashboards.py"), "--check"])
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_uids_are_stable_and_unique(self):
        found = {os.path.basename(path): d["uid"] for path, d in self.dashboards}
        self.assertEqual(found, EXPECTED_UIDS)
        for path, d in self.dashboards:
            self.assertGreaterEqual(d["schemaVersion"], 36, path)
            self.assertTrue(d["title"])

    def test_variables(self):
        for path, d in self.dashboards:
            with self.subTest(dashboard=os.path.basename(path)):
                variables = {v["name"]: v for v in d["templating"]["list"]}
                self.assertEqual(variables["datasource"]["type"], "datasource")
                self.assertEqual(variables["datasource"]["query"], "prometheus")
                self.assertIn("job", variables)
                self.assertIn("instance", variables)
                for name, v in variables.items():
                    if v["type"] == "query":
                        self.assertEqual(v["datasource"]["uid"], "${datasource}", name)
                        self.assertTrue(v["definition"].startswith("label_values("), name)
                        self.assertEqual(v["query"]["query"], v["definition"], name)

    def test_panel_ids_unique_and_grid_not_overlapping(self):
        for path, d in self.dashboards:
            with self.subTest(dashboard=os.path.basename(path)):
                panels = list(dashboards.iter_panels(d))
                ids = [p["id"] for p in panels]
                self.assertEqual(len(ids), len(set(ids)), "duplicate panel ids")
                occupied = {}
                for p in panels:
                    g = p["gridPos"]
                    self.assertTrue(1 <= g["w"] <= 24 and g["x"] >= 0 and g["x"] + g["w"] <= 24, p["title"])
                    self.assertTrue(g["h"] >= 1 and g["y"] >= 0, p["title"])
                    for x in range(g["x"], g["x"] + g["w"]):
                        for y in range(g["y"], g["y"] + g["h"]):
                            self.assertNotIn((x, y), occupied,
                                             "%r overlaps %r" % (p["title"], occupied.get((x, y))))
                            occupied[(x, y)] = p["title"]

    def test_targets_and_units(self):
        for path, d in self.dashboards:
            for p in dashboards.iter_panels(d):
                targets = p.get("targets") or []
                if not targets:
                    continue
                with self.subTest(dashboard=os.path.basename(path), panel=p["title"]):
                    self.assertTrue(p["fieldConfig"]["defaults"].get("unit"), "no unit")
                    ref_ids = [t["refId"] for t in targets]
                    self.assertEqual(len(ref_ids), len(set(ref_ids)))
                    for t in targets:
                        self.assertEqual(t["datasource"], {"type": "prometheus", "uid": "${datasource}"})
                        self.assertTrue(t["expr"].strip())
                        self.assertTrue(t["refId"])

    def test_every_selector_is_filtered(self):
        checked = 0
        for q in self.queries:
            for name, matcher in selectors(q.raw_expr):
                with self.subTest(dashboard=q.dashboard_uid, panel=q.panel_title, metric=name):
                    if name.startswith(HOST_PREFIXES) or name.startswith(RAG_PREFIXES):
                        self.assertIsNotNone(matcher, "selector without matchers")
                        self.assertRegex(matcher, VARIABLE_MATCHER % "job")
                        self.assertRegex(matcher, VARIABLE_MATCHER % "instance")
                    else:
                        prefix = next((p for p in FIXED_JOBS if name.startswith(p)), None)
                        self.assertIsNotNone(prefix, "metric of an unknown source: %s" % name)
                        self.assertIn(FIXED_JOBS[prefix], matcher or "")
                    checked += 1
        self.assertGreater(checked, 60)

    def test_host_variables_are_host_exporter_ones(self):
        # In host- and system-overview, host metrics use $job/$instance, which come from host_exporter's own
        # series; RAG metrics in system-overview use the RAG variables.
        for q in self.queries:
            for name, matcher in selectors(q.raw_expr):
                if q.dashboard_uid == "rag-overview":
                    continue
                if name.startswith(HOST_PREFIXES):
                    self.assertIn('job=~"$job", instance=~"$instance"', matcher, q.panel_title)
                if name.startswith(RAG_PREFIXES):
                    self.assertIn('job=~"$rag_job", instance=~"$rag_instance"', matcher, q.panel_title)

    def test_ranges_use_rate_interval(self):
        for q in self.queries:
            with self.subTest(dashboard=q.dashboard_uid, panel=q.panel_title, expr=q.raw_expr):
                for window in re.findall(r"\[([^\]]*)\]", q.raw_expr):
                    self.assertEqual(window, "$__rate_interval")
                if re.search(r"\b(rate|increase|irate)\(", q.raw_expr):
                    self.assertIn("[$__rate_interval]", q.raw_expr)

    def test_substitution_leaves_no_variable(self):
        self.assertGreater(len(self.queries), 60)
        for q in self.queries:
            self.assertNotIn("$", q.expr, q.expr)
            self.assertNotIn("[[", q.expr, q.expr)
        sample = dashboards.substitute('rate(x{job=~"$job", a="${datasource}"}[$__rate_interval]) [[instance]]',
                                       {"job": "host"})
        self.assertEqual(sample, 'rate(x{job=~"host", a="prometheus"}[1m]) .*')

    def test_selector_parser(self):
        self.assertEqual(
            selectors('topk(10, sum by (name, le) (rate(a_b{job=~"$job", x="}"}[1m]))) / on (job) c:d offset 5m'
                      ' > bool 0.5 * avg_over_time(e[$__rate_interval:1m]) unless f'),
            [("a_b", 'job=~"$job", x="}"'), ("c:d", None), ("e", None), ("f", None)])

    def test_recorded_series_exist(self):
        need_yaml(self)
        recorded = {r["record"] for g in load_yaml(os.path.join(RULES, "recording.yml"))["groups"]
                    for r in g["rules"] if "record" in r}
        used = {name for q in self.queries for name, _ in selectors(q.raw_expr) if ":" in name}
        self.assertTrue(used)
        self.assertEqual(used - recorded, set())

    def test_metrics_exist(self):
        """Every host_exporter metric a dashboard uses is documented in docs/metrics.md, and every rag_* metric is
        created by python/host_exporter/rag.py (a renamed metric must not leave an empty panel behind)."""
        with open(os.path.join(ROOT, "docs", "metrics.md"), encoding="utf-8") as f:
            documented = set(re.findall(r"`([a-z_][a-z0-9_]*)(?:\{[^`]*\})?`", f.read()))
        with open(os.path.join(ROOT, "python", "host_exporter", "rag.py"), encoding="utf-8") as f:
            rag = set(re.findall(r'"(rag_[a-z_]+)"', f.read()))
        for q in self.queries:
            for name, _ in selectors(q.raw_expr):
                if ":" in name:
                    continue
                base = re.sub(r"_(bucket|sum|count)$", "", name) if name.startswith("rag_") else name
                if name.startswith(("host_", "node_load")) or name.startswith("host_exporter"):
                    self.assertIn(name, documented, "%s (%s)" % (name, q.panel_title))
                if name.startswith("rag_"):
                    self.assertIn(base, rag, "%s (%s)" % (name, q.panel_title))

    def test_expected_coverage(self):
        used = {name for q in self.queries for name, _ in selectors(q.raw_expr)}
        by_uid = {}
        for q in self.queries:
            by_uid.setdefault(q.dashboard_uid, set()).update(n for n, _ in selectors(q.raw_expr))
        host = {"host_cpu_utilization_ratio", "host_cpu_core_utilization_ratio", "host_memory_total_bytes",
                "host_memory_used_bytes", "host_memory_available_bytes", "host_memory_cached_bytes",
                "host_memory_free_bytes", "host_swap_total_bytes", "host_swap_used_bytes",
                "host_network_receive_bytes_per_second", "host_network_transmit_bytes_per_second",
                "host_disk_read_bytes_per_second", "host_disk_write_bytes_per_second", "host_filesystem_used_ratio",
                "host_process_group_cpu_utilization_ratio", "host_process_group_resident_memory_bytes",
                "host_process_group_cpu_seconds_total", "host_exporter_measures_host", "node_load1"}
        rag = {"rag_query_total", "rag_query_success_total", "rag_query_errors_total",
               "rag_query_duration_seconds_bucket", "rag_retrieval_documents_bucket", "rag_retrieval_score_bucket",
               "rag_retrieval_score_avg", "rag_cache_hits_total", "rag_cache_requests_total", "rag_cache_hit_rate"}
        system = {"rag_query_duration_seconds_bucket", "host_memory_used_bytes", "host_swap_used_bytes",
                  "host_cpu_utilization_ratio", "pg_up", "pg_database_size_bytes", "pg_stat_database_numbackends",
                  "container_cpu_usage_seconds_total", "container_memory_usage_bytes"}
        self.assertEqual(host - by_uid["host-overview"], set())
        self.assertEqual(rag - by_uid["rag-overview"], set())
        self.assertEqual(system - by_uid["system-overview"], set())
        self.assertTrue(used)
        topk = [q for q in self.queries if q.dashboard_uid == "host-overview" and q.raw_expr.startswith("topk(")]
        self.assertGreaterEqual(len(topk), 2)
        quantiles = {re.match(r"histogram_quantile\(([\d.]+)", q.raw_expr).group(1) for q in self.queries
                     if q.dashboard_uid == "rag-overview" and "rag_query_duration_seconds_bucket" in q.raw_expr}
        self.assertEqual(quantiles, {"0.5", "0.95", "0.99"})

    def test_environment_panel_turns_red_when_not_the_host(self):
        panels = [p for _, d in self.dashboards for p in dashboards.iter_panels(d)
                  if any(t["expr"].startswith("host_exporter_measures_host") for t in p.get("targets", []))]
        self.assertGreaterEqual(len(panels), 2)  # host- and system-overview
        for p in panels:
            defaults = p["fieldConfig"]["defaults"]
            self.assertEqual(p["type"], "stat")
            options = defaults["mappings"][0]["options"]
            self.assertEqual(options["1"]["text"], "host")
            self.assertEqual(options["0"]["text"], "NOT the host (container/VM)")
            self.assertEqual(options["0"]["color"], "red")
            self.assertEqual(defaults["thresholds"]["steps"][0], {"color": "red", "value": None})
            self.assertEqual(defaults["thresholds"]["steps"][1], {"color": "green", "value": 1})


class GrafanaProvisioning(unittest.TestCase):
    def test_datasource_and_provider(self):
        need_yaml(self)
        ds = load_yaml(os.path.join(CONFIG, "grafana", "provisioning", "datasources", "prometheus.yml"))
        self.assertEqual(ds["apiVersion"], 1)
        (source,) = ds["datasources"]
        self.assertEqual((source["type"], source["uid"], source["url"], source["isDefault"]),
                         ("prometheus", "prometheus", "http://prometheus:9090", True))
        provider = load_yaml(os.path.join(CONFIG, "grafana", "provisioning", "dashboards", "provider.yml"))
        (p,) = provider["providers"]
        self.assertEqual(p["type"], "file")
        # The provider reads the directory compose mounts the dashboards at.
        mounts = load_yaml(COMPOSE)["services"]["grafana"]["volumes"]
        self.assertIn("./grafana/dashboards:%s:ro" % p["options"]["path"], mounts)
        self.assertIn("./grafana/provisioning:/etc/grafana/provisioning:ro", mounts)


# -- docker compose ------------------------------------------------------------------------------------------------

class Compose(unittest.TestCase):
    def test_relative_paths_exist(self):
        # Without YAML: every "- ./path:/target" line of the file.
        with open(COMPOSE, encoding="utf-8") as f:
            sources = re.findall(r'^\s*-\s*"?(\.{1,2}/[^:"]+):', f.read(), re.M)
        self.assertGreaterEqual(len(sources), 3)
        for source in sources:
            self.assertTrue(os.path.exists(os.path.join(CONFIG, source)), source)

    def test_services(self):
        need_yaml(self)
        compose = load_yaml(COMPOSE)
        services = compose["services"]
        self.assertTrue({"prometheus", "grafana", "cadvisor", "postgres-exporter"} <= set(services))
        for name, service in services.items():
            with self.subTest(service=name):
                image = service["image"]
                self.assertNotRegex(image, "node.exporter", "no node_exporter in Docker: it measures the VM")
                self.assertRegex(image, r":[\w.-]+$", "unpinned image")
                self.assertFalse(image.endswith(":latest"))
                for volume in service.get("volumes", []):
                    source = volume.split(":")[0]
                    if source.startswith("."):
                        self.assertTrue(os.path.exists(os.path.join(CONFIG, source)), volume)
                    elif not source.startswith("/"):
                        self.assertIn(source, compose["volumes"], "named volume not declared")
        prometheus = services["prometheus"]
        self.assertIn("host.docker.internal:host-gateway", prometheus["extra_hosts"])
        self.assertIn("./monitoring:/etc/prometheus:ro", prometheus["volumes"])
        self.assertIn("--config.file=/etc/prometheus/prometheus.yml", prometheus["command"])
        dsn = services["postgres-exporter"]["environment"]["DATA_SOURCE_NAME"]
        self.assertTrue(dsn.startswith("${POSTGRES_EXPORTER_DSN:-postgresql://"), dsn)
        self.assertIn("@postgres:5432/", dsn)


# -- services ------------------------------------------------------------------------------------------------------

class Services(unittest.TestCase):
    UNIT = os.path.join(CONFIG, "systemd", "host_exporter.service")

    def test_systemd_unit_verifies(self):
        analyze = shutil.which("systemd-analyze")
        if not analyze:
            self.skipTest("systemd-analyze not found")
        with open(self.UNIT, encoding="utf-8") as f:
            text = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            # verify insists that ExecStart's program exists: point it at one that does.
            program = os.path.join(tmp, "host_exporter")
            shutil.copy(shutil.which("true"), program)
            unit = os.path.join(tmp, "host_exporter.service")
            with open(unit, "w", encoding="utf-8") as f:
                f.write(text.replace("/usr/local/bin/host_exporter", program))
            result = run([analyze, "verify", unit])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertNotIn("Unknown key", result.stderr)

    def test_systemd_unit_is_hardened(self):
        with open(self.UNIT, encoding="utf-8") as f:
            lines = {line.strip() for line in f if not line.startswith("#")}
        for directive in ("DynamicUser=yes", "ProtectSystem=strict", "ProtectHome=read-only", "NoNewPrivileges=yes",
                          "Restart=on-failure", "StateDirectory=host_exporter host_exporter/textfile",
                          "CapabilityBoundingSet=", "PrivateTmp=yes"):
            self.assertIn(directive, lines)
        self.assertNotIn("ProtectProc=invisible", lines)  # would hide the processes we exist to read

    def test_launchd_plist(self):
        with open(os.path.join(CONFIG, "launchd", "io.host_exporter.plist"), "rb") as f:
            plist = plistlib.load(f)
        self.assertEqual(plist["Label"], "io.host_exporter")
        self.assertTrue(plist["ProgramArguments"][0].endswith("/host_exporter"))
        self.assertIn("--web.listen-address=127.0.0.1:9101", plist["ProgramArguments"])
        self.assertIs(plist["RunAtLoad"], True)
        self.assertIs(plist["KeepAlive"], True)
        self.assertTrue(plist["StandardOutPath"] and plist["StandardErrorPath"])

    def test_homebrew_formula(self):
        path = os.path.join(ROOT, "packaging", "homebrew", "host_exporter.rb")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('run [opt_bin/"host_exporter", "--web.listen-address=127.0.0.1:9101"]', text)
        self.assertRegex(text, r"service do\n(.*\n)*?\s+keep_alive true")
        self.assertIn('log_path var/"log/host_exporter.log"', text)
        self.assertIn('error_log_path var/"log/host_exporter.err.log"', text)
        self.assertIn('depends_on "cmake" => :build', text)
        self.assertIn("PLACEHOLDER", text)
        ruby = shutil.which("ruby")
        if ruby:
            result = run([ruby, "-c", path])
            self.assertEqual(result.returncode, 0, result.stderr)


# -- scripts -------------------------------------------------------------------------------------------------------

class Scripts(unittest.TestCase):
    def test_bash_syntax(self):
        for script in SCRIPTS:
            result = run(["bash", "-n", script])
            self.assertEqual(result.returncode, 0, script + ": " + result.stderr)
            self.assertTrue(os.access(script, os.X_OK), script + " is not executable")

    def test_shellcheck(self):
        shellcheck = shutil.which("shellcheck")
        if not shellcheck:
            self.skipTest("shellcheck not found")
        result = run([shellcheck] + SCRIPTS)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StartScript(unittest.TestCase):
    """scripts/start_host_exporter.sh against the real binary (--binary), on a free port and a temp state dir."""

    def setUp(self):
        if not BINARY:
            self.skipTest("no --binary given")
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.state = os.path.join(self.tmp.name, "state")
        self.env = dict(os.environ, HOST_EXPORTER_BIN=BINARY, HOST_EXPORTER_STATE_DIR=self.state,
                        HOST_EXPORTER_LISTEN="127.0.0.1:%d" % free_port(), HOST_EXPORTER_READY_TIMEOUT="30")
        self.addCleanup(lambda: self.script("stop"))

    def script(self, *args):
        return run(["bash", START_SCRIPT] + list(args), env=self.env)

    def pid(self):
        with open(os.path.join(self.state, "host_exporter.pid")) as f:
            return int(f.read())

    def test_start_status_stop(self):
        self.assertEqual(self.script("status").returncode, 3)
        started = self.script()  # start is the default
        self.assertEqual(started.returncode, 0, started.stdout + started.stderr)
        self.assertIn(self.env["HOST_EXPORTER_LISTEN"] + "/metrics", started.stdout)
        pid = self.pid()
        again = self.script("start")
        self.assertEqual(again.returncode, 0)
        self.assertIn("already running (pid %d)" % pid, again.stdout)
        self.assertEqual(self.pid(), pid)
        self.assertEqual(self.script("status").returncode, 0)
        stopped = self.script("stop")
        self.assertEqual(stopped.returncode, 0, stopped.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.state, "host_exporter.pid")))
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, 0)
        self.assertEqual(self.script("status").returncode, 3)

    def launch(self, *args):
        # No docker on PATH: status must not wait for an engine; the exit status is host_exporter's.
        env = dict(self.env, DOCKER_INFO_TIMEOUT="1", PATH=tools_without("docker", self.tmp.name))
        return run(["bash", os.path.join(ROOT, "launch.sh")] + list(args), env=env)

    def test_install_puts_the_program_in_prefix_bin(self):
        # Issue 17: after the README's build host_exporter was not on PATH. `make install` runs this cmake --install
        # (the binary's component only here: the test must not need every other target built).
        build_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(BINARY))))
        prefix = os.path.join(self.tmp.name, "prefix")
        installed = run(["cmake", "--install", build_dir, "--prefix", prefix, "--component", "Unspecified"])
        self.assertEqual(installed.returncode, 0, installed.stdout + installed.stderr)
        path = dict(self.env, PATH=os.path.join(prefix, "bin") + os.pathsep + os.environ.get("PATH", ""))
        version = run(["host_exporter", "--version"], env=path)
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertIn("host_exporter", version.stdout)

    def test_launch_status_exits_3_when_not_running(self):
        # Issue 17: ./launch.sh status exited 0 when nothing ran.
        self.assertEqual(self.launch("status").returncode, 3)
        self.assertEqual(self.script("start").returncode, 0)
        self.assertEqual(self.launch("status").returncode, 0)

    def test_pushed_groups_get_a_default_ttl(self):
        # Issue 17: a test push was kept for ever; the script gives --push.ttl unless told otherwise.
        started = self.script("start")
        self.assertIn("--push.ttl=24h", started.stdout)
        self.script("stop")
        self.env["HOST_EXPORTER_PUSH_TTL"] = "5m"
        self.assertIn("--push.ttl=5m", self.script("start").stdout)
        self.script("stop")
        explicit = self.script("start", "--", "--push.ttl=1h").stdout
        self.assertEqual(explicit.count("--push.ttl="), 1, explicit)

    def test_stale_pid_file(self):
        os.makedirs(self.state)
        sleeper = subprocess.Popen(["sleep", "60"])  # alive, but not host_exporter: must not be trusted or killed
        self.addCleanup(sleeper.wait)
        self.addCleanup(sleeper.kill)
        with open(os.path.join(self.state, "host_exporter.pid"), "w") as f:
            f.write("%d\n" % sleeper.pid)
        self.assertEqual(self.script("status").returncode, 3)
        started = self.script("start")
        self.assertEqual(started.returncode, 0, started.stdout + started.stderr)
        self.assertNotEqual(self.pid(), sleeper.pid)
        self.assertIsNone(sleeper.poll())

    def test_start_failure_is_reported(self):
        result = self.script("start", "--", "--no-such-flag")
        self.assertEqual(result.returncode, 1)
        self.assertIn("exited during start-up", result.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.state, "host_exporter.pid")))

    def test_ready_check_without_curl(self):
        # The bash /dev/tcp fallback: a PATH with the script's tools but no curl.
        self.assertEqual(self.script("start").returncode, 0)
        bin_dir = os.path.join(self.tmp.name, "bin")
        os.makedirs(bin_dir)
        for name in ("dirname", "uname", "mkdir", "tr", "ps", "rm", "tail", "sleep", "date", "nohup", "sed"):
            os.symlink(shutil.which(name), os.path.join(bin_dir, name))
        env = dict(self.env, PATH=bin_dir)
        result = subprocess.run([shutil.which("bash"), START_SCRIPT, "status"], env=env, capture_output=True,
                                text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("ready", result.stdout)
        self.assertEqual(result.stderr, "")


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--binary" in args:
        index = args.index("--binary")
        BINARY = os.path.abspath(args[index + 1])
        del args[index:index + 2]
    unittest.main(argv=[sys.argv[0]] + args, verbosity=2)
