"""What the golden, parity and node_exporter comparison tests share: free loopback ports, a
running exporter that is always stopped, a scrape, a text-format (0.0.4) parser, promtool, and the
main() of a test file that takes the binary as its first argument.

Standard library only (run with /usr/bin/python3 or CMake's Python3_EXECUTABLE).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

# node_exporter keeps the kernel's camelCase in its /proc/meminfo names (node_memory_MemTotal_bytes),
# and so do we, for dashboard compatibility. promtool lints exactly that, on node_exporter's own output
# too: node_exporter's checkmetrics.sh drops every finding for node_(entropy|memory|netstat|wifi_station)_.
# We are stricter: only the camelCase finding, only for node_memory_*; anything else fails.
ACCEPTED_PROMTOOL_FINDING = re.compile(
    r"^node_memory_\w+ metric names should be written in 'snake_case' not 'camelCase'$")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(url, timeout=10):
    """GET url; returns the body as text (no Accept header: text format 0.0.4)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


class RunningExporter:
    """Starts `command + [listen_flag=127.0.0.1:PORT]` on a free port and waits until /metrics answers.

    Use as a context manager: the process is stopped (SIGTERM, then SIGKILL) whatever happens.
    """

    def __init__(self, command, listen_flag="--web.listen-address", env=None, ready_timeout=20, attempts=4):
        self.command = list(command)
        self.listen_flag = listen_flag
        self.env = env
        self.ready_timeout = ready_timeout
        self.attempts = attempts
        self.process = None
        self.url = None
        self._stderr = None

    def __enter__(self):
        last_error = ""
        for _ in range(self.attempts):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}/metrics"
            self._stderr = tempfile.TemporaryFile()
            self.process = subprocess.Popen(self.command + [f"{self.listen_flag}=127.0.0.1:{port}"],
                                            stdout=subprocess.DEVNULL, stderr=self._stderr, env=self.env)
            if self._wait_ready():
                return self
            last_error = self.stderr()
            self.stop()
            if "in use" not in last_error:  # only a lost race for the port is worth another try
                break
        raise RuntimeError(f"{self.command[0]} did not become ready: {last_error}")

    def __exit__(self, *exc):
        self.stop()
        return False

    @property
    def pid(self):
        return self.process.pid

    def _wait_ready(self):
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                scrape(self.url, timeout=2)
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def stderr(self):
        if self._stderr is None or self._stderr.closed:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._stderr is not None and not self._stderr.closed:
            self._stderr.close()


# --- text format 0.0.4 -------------------------------------------------------------------------------

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(\s+-?\d+)?\s*$")
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)')
_UNESCAPE = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}


def _parse_labels(text):
    """'{a="x",b="y"}' -> (("a", "x"), ("b", "y")), sorted by name."""
    inner = text[1:-1]
    labels = []
    position = 0
    while position < len(inner):
        match = _LABEL.match(inner, position)
        if not match:
            raise ValueError(f"bad label set: {text}")
        value = re.sub(r"\\[\\\"n]", lambda m: _UNESCAPE[m.group(0)], match.group(2))
        labels.append((match.group(1), value))
        position = match.end()
    return tuple(sorted(labels))


class Family:
    def __init__(self, name):
        self.name = name
        self.type = "untyped"
        self.help = None
        self.samples = {}  # (sample name, labels tuple) -> float

    def series(self):
        """Samples whose name is the family's own name (counters, gauges): labels -> value."""
        return {labels: value for (name, labels), value in self.samples.items() if name == self.name}


def parse_text(text):
    """Parses text format 0.0.4 into {family name: Family}. Raises ValueError on a malformed line."""
    families = {}
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                family = families.setdefault(parts[2], Family(parts[2]))
                if parts[1] == "TYPE":
                    family.type = parts[3].strip() if len(parts) > 3 else ""
                else:
                    family.help = parts[3] if len(parts) > 3 else ""
                current = family
            continue
        match = _SAMPLE.match(line)
        if not match:
            raise ValueError(f"line {number}: not a sample: {line!r}")
        name, labels, value = match.group(1), match.group(2), match.group(3)
        if current is None or not (name == current.name or (
                current.type in ("summary", "histogram") and
                name in (current.name + "_sum", current.name + "_count", current.name + "_bucket"))):
            current = families.setdefault(name, Family(name))
        current.samples[(name, _parse_labels(labels) if labels else ())] = float(value)
    return families


# --- promtool -----------------------------------------------------------------------------------------

def found_program(variable, *names):
    """A program named by an environment variable (CMake passes "<VAR>-NOTFOUND" when it found none),
    else the first of `names` on PATH; None when there is none."""
    given = os.environ.get(variable, "")
    if given and not given.endswith("-NOTFOUND"):
        return given
    for name in names:
        if shutil.which(name):
            return shutil.which(name)
    return None


def promtool():
    return found_program("HX_PROMTOOL", "promtool")


def promtool_problems(text):
    """Runs `promtool check metrics`; returns the findings other than the accepted camelCase class,
    or None when promtool is not installed. A parse error (exit 1) is always a problem."""
    tool = promtool()
    if not tool:
        return None
    result = subprocess.run([tool, "check", "metrics"], input=text.encode(), capture_output=True, timeout=60)
    findings = [line for line in (result.stdout + result.stderr).decode().splitlines() if line.strip()]
    problems = [line for line in findings if not ACCEPTED_PROMTOOL_FINDING.match(line)]
    if result.returncode not in (0, 3):
        problems.append(f"promtool exited {result.returncode}")
    return problems


# --- main ---------------------------------------------------------------------------------------------

def main_with_binary(module):
    """main() of a test file run as `test_x.py BINARY [unittest arguments]`: sets module.BINARY to the
    binary's absolute path and runs the module's tests; returns the exit status (2 without a binary)."""
    if len(sys.argv) < 2:
        print(module.__doc__, file=sys.stderr)
        return 2
    module.BINARY = os.path.abspath(sys.argv[1])
    result = unittest.main(module=module, argv=[sys.argv[0]] + sys.argv[2:], exit=False, verbosity=2).result
    return 0 if result.wasSuccessful() else 1
