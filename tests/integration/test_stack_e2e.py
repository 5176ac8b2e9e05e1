#!/usr/bin/env python3
"""The monitoring stack end to end, on loopback, with the shipped configuration.

Starts host_exporter (textfile directory and push persistence in a temp dir), a throwaway PostgreSQL cluster with
postgres_exporter, and a real Prometheus with config/monitoring/prometheus.native.yml (a temp copy rewritten only
where a test must differ: see native_config_for_test). examples/rag_demo.py delivers rag_* metrics both ways (into
the textfile directory and to the push API). Then every PromQL expression of every shipped Grafana dashboard (its
variables resolved as Grafana would) and every recording rule must return data without error through
/api/v1/query, every rule group must evaluate cleanly, and `host_exporter verify --job host` must exit 0.

Usage: test_stack_e2e.py --binary build/.../host_exporter [--prometheus PATH]
  PYTHONPATH must reach the built Python package (<build>/python). PostgreSQL's programs are looked up in PATH,
  /usr/lib/postgresql/*/bin (Debian) and Homebrew's postgresql@15; postgres_exporter in $HX_POSTGRES_EXPORTER or
  PATH. Exit 77 (skip) when there is no prometheus. Standard library only.
"""

import argparse
import glob
import json
import math
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dashboards  # noqa: E402  (tests/integration/dashboards.py)
from exporter_harness import found_program, free_port  # noqa: E402

ROOT = dashboards.ROOT
MONITORING = os.path.join(ROOT, "config", "monitoring")
NATIVE_CONFIG = os.path.join(MONITORING, "prometheus.native.yml")
RULES_DIR = os.path.join(MONITORING, "rules")
RAG_DEMO = os.path.join(ROOT, "examples", "rag_demo.py")
ARGS = None

# Grafana would give $__rate_interval = max(4 x scrape interval, step + scrape interval), about 4 s with the 1 s
# scrapes used here. A 1 m window instead spans everything this test stores before it evaluates (10-20 s of
# samples), so each rate() sees at least 2 points and, for the rag_* counters, the growth between the two demo
# runs (a rate of 0 would make every ratio and quantile NaN, which fails below); a 4 s window would race the
# evaluation. $__range matters only to *_over_time queries.
GRAFANA_INTERVALS = {"__rate_interval": "1m", "__interval": "1m", "__range": "5m"}

# Panels that are expected empty, and why. The cAdvisor set must be exactly the panels whose expressions read
# container_* metrics (checked below), so that no other panel can hide behind the exemption.
CADVISOR_REASON = "needs cAdvisor (Docker) - not available on this machine"
CADVISOR_PANELS = {
    ("system-overview", "Container CPU (cores)"),
    ("system-overview", "Container memory"),
}
CONTAINER_METRIC = re.compile(r"(?<![\w:])container_\w+")
POSTGRES_METRIC = re.compile(r"(?<![\w:])pg_\w+")

# Two runs per delivery path with the same seed: the second replays the first one's queries and adds more, so every
# rag_* counter grows between them and the ratio rules (which drop a zero denominator) have data. The seed gives
# errors of more than one type in the first run already.
DEMO_SEED = 3
DEMO_RUNS = (40, 120)

# The shipped native config's commented postgres example (config/monitoring/prometheus.native.yml), uncommented.
POSTGRES_JOB_COMMENTED = ("  # - job_name: postgres\n"
                          "  #   static_configs:\n"
                          "  #     - targets: ['localhost:9187']\n")


def native_config_for_test(text, host_port, prometheus_port, postgres_exporter_port):
    """The shipped native config with exactly these changes, and nothing else:
      - global scrape_interval 15s -> 1s, scrape_timeout 10s -> 1s (it may not exceed the interval) and
        evaluation_interval 15s -> 1s: scrapes and rule evaluations within seconds rather than minutes;
      - rule_files "rules/*.yml" -> the repository's config/monitoring/rules/*.yml, absolute (the copy lives in a
        temp dir, and Prometheus resolves relative paths against the config file's directory);
      - the targets localhost:9101 (host), localhost:9090 (prometheus) and localhost:9187 (postgres) -> the free
        loopback ports of this test's host_exporter, Prometheus and postgres_exporter;
      - when postgres_exporter_port is given, the postgres job, shipped commented out as an example, is uncommented
        as it stands (when it is not, the example stays a comment).
    Job names, honor_labels and the rest are the shipped file's. Each change must apply exactly once, so a change
    to the shipped file fails here instead of quietly testing something else."""

    def replace(old, new):
        nonlocal text
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"{NATIVE_CONFIG}: expected {old!r} once, found it {count} times")
        text = text.replace(old, new)

    replace("  scrape_interval: 15s\n", "  scrape_interval: 1s\n")
    replace("  scrape_timeout: 10s\n", "  scrape_timeout: 1s\n")
    replace("  evaluation_interval: 15s\n", "  evaluation_interval: 1s\n")
    replace("  - rules/*.yml\n", "  - %s\n" % json.dumps(os.path.join(RULES_DIR, "*.yml")))
    replace("'localhost:9101'", f"'localhost:{host_port}'")
    replace("'localhost:9090'", f"'localhost:{prometheus_port}'")
    if postgres_exporter_port is not None:
        if POSTGRES_JOB_COMMENTED in text:
            replace(POSTGRES_JOB_COMMENTED, POSTGRES_JOB_COMMENTED.replace("  # ", "  "))
        replace("'localhost:9187'", f"'localhost:{postgres_exporter_port}'")
    return text


# -- processes -----------------------------------------------------------------------------------------------------

def http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


class ProcessExited(Exception):
    pass


def wait_until(what, predicate, timeout):
    """Polls predicate() (a truthy result ends the wait) every 0.25 s; fails after `timeout` seconds, naming what
    it waited for and the last answer or error. ProcessExited ends the wait at once."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            result = predicate()
            if result:
                return result
            last = result
        except ProcessExited:
            raise
        except Exception as e:  # not there yet
            last = e
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {last!r})")
        time.sleep(0.25)


class Processes:
    """Everything started here, each in its own process group, stopped in reverse order whatever happens."""

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.started = []  # (name, Popen, log file, stop command or None)

    def start(self, name, command, env=None, user=None, stop_command=None):
        log = open(os.path.join(self.log_dir, name + ".log"), "ab")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, start_new_session=True, **user_arguments(user))
        self.started.append((name, process, log, stop_command))
        return process

    def log(self, name):
        try:
            with open(os.path.join(self.log_dir, name + ".log"), encoding="utf-8", errors="replace") as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def start_listening(self, name, command_for_port, ready, attempts=3, timeout=30, **kwargs):
        """Starts command_for_port(port) on a free port until ready(port) (a lost race for the port is retried);
        returns the port."""
        for attempt in range(attempts):
            port = free_port()
            process = self.start(name, command_for_port(port), **kwargs)

            def answers(port=port, process=process):
                if process.poll() is not None:
                    raise ProcessExited(name)
                return ready(port)

            try:
                wait_until(f"{name} ready on port {port}", answers, timeout)
                return port
            except ProcessExited:
                if attempt + 1 == attempts or "in use" not in self.log(name):
                    raise AssertionError(f"{name} exited with {process.returncode}:\n{self.log(name)}")
            except AssertionError as e:
                raise AssertionError(f"{e}\n{name}'s log:\n{self.log(name)}") from None
        raise AssertionError("unreachable")

    def stop_all(self):
        for name, process, log, stop_command in reversed(self.started):
            if stop_command is not None and process.poll() is None:
                try:
                    subprocess.run(stop_command[0], stdout=log, stderr=subprocess.STDOUT, timeout=20,
                                   **user_arguments(stop_command[1]))
                except (OSError, subprocess.TimeoutExpired):
                    pass
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if process.poll() is not None:
                    break
                try:
                    os.killpg(process.pid, sig)
                    process.wait(timeout=10)
                except ProcessLookupError:
                    break
                except subprocess.TimeoutExpired:
                    continue
            try:  # children left in the group (postgres backends) go too
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if process.poll() is None:
                process.wait(timeout=10)
            log.close()
        self.started = []


def user_arguments(user):
    """Popen arguments that run a command as `user` (a pwd entry), or none."""
    if user is None:
        return {}
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


# -- PostgreSQL ----------------------------------------------------------------------------------------------------

def postgres_bin_dir():
    """The directory with initdb, postgres, pg_ctl and pg_isready, or None."""
    programs = ("initdb", "postgres", "pg_ctl", "pg_isready")
    candidates = []
    if shutil.which("pg_ctl"):
        candidates.append(os.path.dirname(os.path.realpath(shutil.which("pg_ctl"))))
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(debian, key=lambda d: int(re.sub(r"\D", "", d.split("/")[-2]) or 0), reverse=True)
    candidates += ["/opt/homebrew/opt/postgresql@15/bin", "/usr/local/opt/postgresql@15/bin"]
    for directory in candidates:
        if all(os.access(os.path.join(directory, p), os.X_OK) for p in programs):
            return directory
    return None


def unprivileged_user():
    """PostgreSQL refuses to run as root: as root, the first of postgres (Debian's package creates it) and nobody;
    otherwise None (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise AssertionError("running as root and there is neither a postgres nor a nobody user to run PostgreSQL")


# -- the stack -----------------------------------------------------------------------------------------------------

class StackEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started_at = time.monotonic()
        cls.tmp = tempfile.mkdtemp(prefix="hx-stack-e2e-")
        cls.pg_dir = None
        cls.processes = Processes(cls.tmp)
        cls.exemptions = {panel: CADVISOR_REASON for panel in CADVISOR_PANELS}  # (dashboard uid, title) -> why
        cls.rule_exemptions = {}  # recording rule -> reason
        try:
            cls._start_stack()
            cls._deliver_rag_metrics()
        except BaseException:
            cls._clean_up()
            raise

    @classmethod
    def tearDownClass(cls):
        cls._clean_up()
        print(f"\nstack e2e: {time.monotonic() - cls.started_at:.1f} s in all", file=sys.stderr)

    @classmethod
    def _clean_up(cls):
        cls.processes.stop_all()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if cls.pg_dir:
            shutil.rmtree(cls.pg_dir, ignore_errors=True)

    # -- starting ------------------------------------------------------------------------------------------------

    @classmethod
    def _start_stack(cls):
        cls.textfiles = os.path.join(cls.tmp, "textfile")
        os.mkdir(cls.textfiles)
        # The flags host_exporter runs with; verify is given the same ones.
        cls.exporter_flags = [f"--collector.textfile.directory={cls.textfiles}",
                              f"--push.persistence-file={os.path.join(cls.tmp, 'push-state')}"]
        cls.host_port = cls.processes.start_listening(
            "host_exporter",
            lambda port: [ARGS.binary, f"--web.listen-address=127.0.0.1:{port}"] + cls.exporter_flags,
            lambda port: http_get(f"http://127.0.0.1:{port}/metrics") != "")
        cls.exporter_flags.insert(0, f"--web.listen-address=127.0.0.1:{cls.host_port}")
        cls._run_demos(DEMO_RUNS[0])

        cls.postgres_exporter_port = cls._start_postgres()

        cls.config_path = os.path.join(cls.tmp, "prometheus.yml")
        with open(NATIVE_CONFIG, encoding="utf-8") as f:
            shipped = f.read()

        def prometheus_command(port):
            with open(cls.config_path, "w", encoding="utf-8") as f:
                f.write(native_config_for_test(shipped, cls.host_port, port, cls.postgres_exporter_port))
            return [ARGS.prometheus, f"--config.file={cls.config_path}",
                    f"--storage.tsdb.path={os.path.join(cls.tmp, 'tsdb')}",
                    f"--web.listen-address=127.0.0.1:{port}"]

        cls.prometheus_port = cls.processes.start_listening(
            "prometheus", prometheus_command,
            lambda port: http_get(f"http://127.0.0.1:{port}/-/ready").strip() != "", timeout=60)
        cls.prometheus_url = f"http://127.0.0.1:{cls.prometheus_port}"

    @classmethod
    def _start_postgres(cls):
        """A throwaway cluster on 127.0.0.1 (socket in its own temp dir) and postgres_exporter pointed at it;
        returns postgres_exporter's port, or None (with the pg_* panels exempted) when either is not installed."""
        bin_dir = postgres_bin_dir()
        exporter = found_program("HX_POSTGRES_EXPORTER", "prometheus-postgres-exporter", "postgres_exporter")
        if bin_dir is None or exporter is None:
            missing = "PostgreSQL (initdb, postgres, pg_ctl)" if bin_dir is None else "postgres_exporter"
            reason = f"needs {missing}, not installed on this machine (scripts/install-deps.sh installs it)"
            for q in dashboards.panel_queries():
                if POSTGRES_METRIC.search(q.expr):
                    cls.exemptions[(q.dashboard_uid, q.panel_title)] = reason
            print(f"\nstack e2e: PostgreSQL panels exempted: {reason}", file=sys.stderr)
            return None

        user = unprivileged_user()
        cls.pg_dir = tempfile.mkdtemp(prefix="hx-stack-e2e-pg-")
        if user is not None:
            os.chown(cls.pg_dir, user.pw_uid, user.pw_gid)
        data = os.path.join(cls.pg_dir, "data")
        env = dict(os.environ, HOME=cls.pg_dir, LC_ALL="C", LANG="C")
        initdb = subprocess.run(
            [os.path.join(bin_dir, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            capture_output=True, text=True, timeout=120, env=env, cwd=cls.pg_dir, **user_arguments(user))
        if initdb.returncode != 0:
            raise AssertionError(f"initdb failed ({initdb.returncode}):\n{initdb.stdout}{initdb.stderr}")

        def pg_ready(port):
            return subprocess.run([os.path.join(bin_dir, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port),
                                   "-U", "postgres", "-d", "postgres"],
                                  timeout=10).returncode == 0

        stop = ([os.path.join(bin_dir, "pg_ctl"), "stop", "-D", data, "-m", "immediate", "-w", "-t", "10"], user)
        pg_port = cls.processes.start_listening(
            "postgres",
            lambda port: [os.path.join(bin_dir, "postgres"), "-D", data, "-p", str(port), "-k", cls.pg_dir,
                          "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "logging_collector=off"],
            pg_ready, timeout=60, env=env, user=user, stop_command=stop)

        dsn = f"postgresql://postgres@127.0.0.1:{pg_port}/postgres?sslmode=disable"
        return cls.processes.start_listening(
            "postgres_exporter",
            lambda port: [exporter, f"--web.listen-address=127.0.0.1:{port}"],
            lambda port: re.search(r"^pg_up 1$", http_get(f"http://127.0.0.1:{port}/metrics", timeout=10), re.M),
            env=dict(os.environ, DATA_SOURCE_NAME=dsn))

    # -- rag_* metrics -------------------------------------------------------------------------------------------

    @classmethod
    def _run_demos(cls, iterations):
        """examples/rag_demo.py once into the textfile directory and once to the push API, as two copies of the
        application (--instance), so that both paths keep a series of their own (one copy exporting and pushing
        would be one series: test_multi_app.py checks that)."""
        common = [sys.executable, RAG_DEMO, "--fast", "--iterations", str(iterations), "--seed", str(DEMO_SEED)]
        for delivery in (["--export", os.path.join(cls.textfiles, "rag_demo.prom"), "--instance", "textfile"],
                         ["--push", f"http://127.0.0.1:{cls.host_port}", "--instance", "pushed"]):
            run = subprocess.run(common + delivery, capture_output=True, text=True, timeout=60)
            if run.returncode != 0:
                raise AssertionError(f"rag_demo.py {' '.join(delivery)} failed:\n{run.stdout}{run.stderr}")

    @classmethod
    def _deliver_rag_metrics(cls):
        jobs = {"host", "prometheus"} | ({"postgres"} if cls.postgres_exporter_port else set())
        wait_until(f"every target up ({', '.join(sorted(jobs))})",
                   lambda: {r["metric"]["job"] for r in query('up == 1')} >= jobs, 30)
        # The first run's values stored a few times (job rag_demo, instance .../textfile and .../pushed), then the
        # second run makes every counter grow.
        wait_until("3 samples of the first demo run, through both paths",
                   lambda: len(query('count_over_time(rag_query_total[1m]) >= 3')) == 2, 30)
        # The rule says it: no series on a machine without swap (a division by a filtered-out 0).
        if all(float(r["value"][1]) == 0 for r in query('host_swap_total_bytes{job="host"}')):
            cls.rule_exemptions["host:swap_used_ratio"] = "no swap on this machine (host_swap_total_bytes 0)"
        cls._run_demos(DEMO_RUNS[1])
        wait_until("the second demo run stored through both paths",
                   lambda: len(query('increase(rag_query_total[1m]) > 0')) == 2, 30)
        cls.values = cls._resolve_variables()
        # Recording rules evaluate every second; wait for every expression that should have data to have it (the
        # assertions below then run once, on the same state), and for every rule to have been evaluated.
        expected = [q for q in cls._panel_queries() if (q.dashboard_uid, q.panel_title) not in cls.exemptions]
        expected_exprs = sorted({q.expr for q in expected} |
                                {r["query"] for r in recording_rules() if r["name"] not in cls.rule_exemptions})
        missing = []

        def all_have_data():
            missing[:] = [e for e in expected_exprs if not query_or_error(e)[0]]
            return not missing

        try:
            wait_until("data for every dashboard query and recording rule", all_have_data, 30)
            wait_until("every rule evaluated", lambda: all(r["health"] != "unknown" for r in all_rules()), 15)
        except AssertionError as e:  # the tests below say which ones, and why
            print(f"\nstack e2e: {e}; without data: {missing}", file=sys.stderr)
        print(f"\nstack e2e: stack up and data in after {time.monotonic() - cls.started_at:.1f} s", file=sys.stderr)

    @classmethod
    def _resolve_variables(cls):
        """{dashboard uid: {variable: value}}, chosen as Grafana would: a query variable's values come from
        label_values(...) through Prometheus' label API; one that allows "All" gets its allValue, any other the
        first value."""
        by_uid = {}
        for _, dashboard in dashboards.load_dashboards():
            values = dict(GRAFANA_INTERVALS)
            for variable in dashboard.get("templating", {}).get("list", []):
                if variable.get("type") != "query":
                    continue
                query_text = variable.get("query")
                if isinstance(query_text, dict):
                    query_text = query_text.get("query", "")
                found = label_values(dashboards.substitute(query_text, values))
                if not found:
                    raise AssertionError(f"{dashboard['uid']}: variable {variable['name']} ({query_text}) "
                                         "has no values")
                # Grafana's "All" is the allValue; otherwise the first value, as it stands (no regex metacharacters
                # in a job name or a localhost:port instance).
                values[variable["name"]] = (variable.get("allValue") or ".*") if variable.get("includeAll") \
                    else found[0]
            by_uid[dashboard["uid"]] = values
        return by_uid

    @classmethod
    def _panel_queries(cls):
        return dashboards.panel_queries(values=GRAFANA_INTERVALS, values_by_dashboard=cls.values)

    # -- tests ---------------------------------------------------------------------------------------------------

    def test_variables_resolve_to_this_stack(self):
        # host_exporter's dashboards pick the one host_exporter target (job host); nothing else exports
        # host_exporter_build_info here.
        for uid in ("host-overview", "system-overview"):
            self.assertEqual(self.values[uid]["job"], "host", uid)
            self.assertEqual(self.values[uid]["instance"], f"localhost:{self.host_port}", uid)

    def test_cadvisor_exemption_is_exactly_the_container_panels(self):
        container_panels = {(q.dashboard_uid, q.panel_title) for q in self._panel_queries()
                            if CONTAINER_METRIC.search(q.expr)}
        self.assertEqual(container_panels, CADVISOR_PANELS)

    def test_every_dashboard_query_returns_data(self):
        exemptions = self.exemptions
        queries = self._panel_queries()
        self.assertGreater(len(queries), 50)
        problems, evaluated = [], 0
        for q in queries:
            result, error = query_or_error(q.expr)
            evaluated += 1
            where = f"{q.dashboard_uid} / {q.panel_title} / {q.ref_id}: {q.expr}"
            if error:
                problems.append(f"{where}\n    error: {error}")
            elif not result and (q.dashboard_uid, q.panel_title) not in exemptions:
                problems.append(f"{where}\n    no data")
            elif any(not math.isfinite(float(r["value"][1])) for r in result):
                problems.append(f"{where}\n    not a number: {result}")
        print(f"\nstack e2e: {evaluated} dashboard expressions evaluated; exempted panels:", file=sys.stderr)
        for (uid, title), reason in sorted(exemptions.items()):
            print(f"  {uid} / {title}: {reason}", file=sys.stderr)
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_every_recording_rule_expression_returns_data(self):
        rules = recording_rules()
        shipped = []
        for path in glob.glob(os.path.join(RULES_DIR, "*.yml")):  # recording.yml, root_cause_note.yml
            with open(path, encoding="utf-8") as f:
                shipped += re.findall(r"^\s*- record:\s*(\S+)", f.read(), re.M)
        self.assertEqual(sorted(r["name"] for r in rules), sorted(shipped))
        problems = []
        for rule in rules:
            exempt = rule["name"] in self.rule_exemptions
            # The expression, and the recorded series: what the dashboards and alerts read.
            for what, promql in ((rule["query"], rule["query"]), ("recorded", rule["name"])):
                result, error = query_or_error(promql)
                if error or (not result and not exempt):
                    problems.append(f"{rule['name']} ({what}): {error or 'no data'}")
                elif any(not math.isfinite(float(r["value"][1])) for r in result):
                    problems.append(f"{rule['name']} ({what}): not a number: {result}")
        print(f"\nstack e2e: {len(rules)} recording rule expressions evaluated; exempted: {self.rule_exemptions}",
              file=sys.stderr)
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_every_rule_group_loads_and_evaluates(self):
        groups = rule_groups()
        shipped_groups, shipped_alerts = [], []
        for path in sorted(glob.glob(os.path.join(RULES_DIR, "*.yml"))):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            shipped_groups += re.findall(r"^  - name:\s*(\S+)", text, re.M)
            shipped_alerts += re.findall(r"^\s*- alert:\s*(\S+)", text, re.M)
        self.assertEqual(sorted(g["name"] for g in groups), sorted(shipped_groups))
        self.assertEqual(sorted(r["name"] for r in all_rules() if r["type"] == "alerting"), sorted(shipped_alerts))
        problems = [f"{r['name']}: health {r['health']}, lastError {r.get('lastError')!r}"
                    for r in all_rules() if r["health"] != "ok" or r.get("lastError")]
        problems += [f"group {g['name']}: never evaluated" for g in groups if not g.get("lastEvaluation")
                     or g["lastEvaluation"].startswith("0001-")]
        self.assertEqual(problems, [], "\n" + "\n".join(problems))
        # The alert expressions run without error (they may well be empty: nothing is wrong).
        for rule in all_rules():
            if rule["type"] == "alerting":
                self.assertIsNone(query_or_error(rule["query"])[1], rule["name"])

    def test_verify_against_this_prometheus(self):
        started = time.monotonic()
        command = [ARGS.binary, "verify", "--prometheus", self.prometheus_url, "--job", "host"] + self.exporter_flags
        completed = subprocess.run(command, capture_output=True, text=True, timeout=180)
        self.assertEqual(completed.returncode, 0,
                         f"{' '.join(command)}\n{completed.stdout}{completed.stderr}")
        self.assertIn("Consistent", completed.stdout)
        print(f"\nstack e2e: verify took {time.monotonic() - started:.1f} s", file=sys.stderr)


# -- Prometheus' HTTP API ------------------------------------------------------------------------------------------

def api(path, params=None):
    url = StackEndToEnd.prometheus_url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        body = http_get(url, timeout=30)
    except urllib.error.HTTPError as e:  # 400/422 carry Prometheus' error in the body
        body = e.read().decode("utf-8", errors="replace")
    return json.loads(body)


def query_or_error(promql):
    """(result list, None), or ([], Prometheus' error) for a failed query or one with warnings."""
    answer = api("/api/v1/query", {"query": promql})
    if answer.get("status") != "success":
        return [], f"{answer.get('errorType')}: {answer.get('error')}"
    if answer.get("warnings"):
        return [], "warnings: " + "; ".join(answer["warnings"])
    data = answer["data"]
    if data["resultType"] in ("scalar", "string"):
        return [{"metric": {}, "value": data["result"]}], None
    return data["result"], None


def query(promql):
    result, error = query_or_error(promql)
    if error:
        raise AssertionError(f"{promql}: {error}")
    return result


def label_values(selector_call):
    """label_values(selector, label) or label_values(label), through /api/v1/label/<label>/values."""
    match = re.fullmatch(r"\s*label_values\(\s*(?:(.*\S)\s*,\s*)?(\w+)\s*\)\s*", selector_call)
    if not match:
        raise AssertionError(f"not a label_values() query: {selector_call}")
    params = {"match[]": match.group(1)} if match.group(1) else None
    answer = api(f"/api/v1/label/{match.group(2)}/values", params)
    if answer.get("status") != "success":
        raise AssertionError(f"{selector_call}: {answer.get('error')}")
    return answer["data"]


def rule_groups():
    return api("/api/v1/rules")["data"]["groups"]


def all_rules():
    return [r for g in rule_groups() for r in g["rules"]]


def recording_rules():
    return [r for r in all_rules() if r["type"] == "recording"]


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--prometheus", default=found_program("HX_PROMETHEUS", "prometheus"))
    ARGS, rest = parser.parse_known_args()
    if not ARGS.prometheus or not os.access(ARGS.prometheus, os.X_OK):
        print("skipped: no prometheus binary (scripts/install-deps.sh installs it)")
        return 77  # ctest SKIP_RETURN_CODE
    program = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
