#!/usr/bin/env python3
"""End-to-end golden test, in node_exporter's style: the built binary serves the recorded machine
(tests/fixtures/linux-debian12 through --path.procfs/--path.sysfs/--path.rootfs/--path.udev.data; the
recorded VM ran no udev, so its tree has no udev/data and node_disk_info's udev labels are empty), /metrics is scraped
over HTTP, the few series that depend on the moment or on the test machine are dropped or masked
(listed below, each with its reason), and the rest must equal tests/golden/linux-debian12.prom line
for line (families sorted by name, as node_exporter's output is). The golden file must pass `promtool check metrics` (only node_memory_* camelCase accepted).

Usage: test_golden.py /path/to/host_exporter [--update]    (or HX_UPDATE_GOLDEN=1)
--update rewrites the golden file from this run instead of comparing; review the diff before committing.

Every collector that is on by default runs, including processes and environment: they read through
the roots (the fixture has no /proc/<pid> directories, so the process groups are empty, and no DMI or
container files, so the environment is bare metal). The time collector runs with TZ=UTC; its clock
reading is dropped. The sampler interval is an hour and the scrape waits for the first sample: the
CPU ratios are then the fixture's since-boot ratios, and the per-second rates (which need two samples)
are absent. Both are fixed by the fixture, not by timing.
"""

import difflib
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exporter_harness import RunningExporter, parse_text, promtool_problems, scrape  # noqa: E402

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(SOURCE_DIR, "tests", "fixtures", "linux-debian12")
GOLDEN = os.path.join(SOURCE_DIR, "tests", "golden", "linux-debian12.prom")
BINARY = None
UPDATE = os.environ.get("HX_UPDATE_GOLDEN") == "1"

# Families left out of the comparison: their values depend on the moment or on the exporter process.
VOLATILE_FAMILIES = {
    "node_scrape_collector_duration_seconds": "how long each collector took in this run",
    "process_cpu_seconds_total": "the exporter process's own CPU time",
    "process_open_fds": "the exporter process's own descriptors",
    "process_max_fds": "the limit of the shell that started the test",
    "process_virtual_memory_bytes": "the exporter process's own memory",
    "process_resident_memory_bytes": "the exporter process's own memory",
    "process_start_time_seconds": "when the exporter started",
    "host_exporter_build_info": "version, git revision and compiler change with every build",
    "host_exporter_http_connections_accepted_total": "the test's own scrapes",
    "host_exporter_http_connections_open": "the test's own scrapes",
    "host_exporter_http_requests_handled_total": "the test's own scrapes",
    "node_time_seconds": "the wall clock at the scrape",
    "host_cpu_window_start_timestamp_seconds": "wall-clock instant of a sampler read",
    "host_cpu_window_end_timestamp_seconds": "wall-clock instant of a sampler read",
}

# Families whose series (label sets) are fixed by the fixture but whose values are not: statvfs runs on
# <rootfs>/<mountpoint>, and the fixture's "/" is a real directory of the checkout, so these are the
# numbers of whatever disk the checkout lives on. Their values are written as NaN.
MASKED_VALUES = {
    "node_filesystem_size_bytes": "statvfs of the checkout's disk",
    "node_filesystem_free_bytes": "statvfs of the checkout's disk",
    "node_filesystem_avail_bytes": "statvfs of the checkout's disk",
    "node_filesystem_files": "statvfs of the checkout's disk",
    "node_filesystem_files_free": "statvfs of the checkout's disk",
    "host_filesystem_used_ratio": "statvfs of the checkout's disk",
}

# Label values that come from the test machine rather than the fixture: (family, label) -> reason.
MASKED_LABELS = {
    ("node_uname_info", "machine"): "uname(2) of the test machine: /proc has no file for the architecture",
}

HEADER = ("# Golden output of host_exporter on tests/fixtures/linux-debian12, written by\n"
          "# tests/integration/test_golden.py --update. Volatile families are dropped and statvfs values\n"
          "# (the checkout's disk) are NaN; the test lists each with its reason.\n")


def normalise(text):
    """Drops the volatile families and masks values and labels that come from the test machine.

    Works on lines, so that the golden file keeps the exporter's HELP and TYPE lines and the order of
    series within a family; the families themselves are sorted by name (as node_exporter's output is),
    so that the order in which sources are registered does not count as a difference."""
    blocks = {}
    for block in _family_blocks(text):
        first = block[0]
        name = first.split(None, 3)[2] if first.startswith("# ") else first.split("{", 1)[0].split(" ", 1)[0]
        blocks.setdefault(name, []).extend(block)  # a family split in two stays visible (and fails promtool)
    out = []
    for name in sorted(blocks):
        out.extend(_normalise_lines(blocks[name]))
    return HEADER + "\n".join(out) + "\n"


def _family_blocks(text):
    """Splits the exposition into families: each block starts at its HELP (or TYPE) line."""
    blocks = []
    current_name = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            name = line.split(None, 3)[2]
            if name != current_name:
                blocks.append([])
                current_name = name
        elif not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _normalise_lines(lines):
    out = []
    for line in lines:
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            name = line.split(None, 3)[2]
        elif line and not line.startswith("#"):
            name = line.split("{", 1)[0].split(" ", 1)[0]
        else:
            out.append(line)
            continue
        if name in VOLATILE_FAMILIES:
            continue
        if not line.startswith("#"):
            for (family, label), _ in MASKED_LABELS.items():
                if name == family:
                    start = line.index(f'{label}="') + len(label) + 2
                    end = line.index('"', start)
                    line = line[:start] + "masked" + line[end:]
            if name in MASKED_VALUES:
                line = line.rsplit(" ", 1)[0] + " NaN"
        out.append(line)
    return out


class GoldenTest(unittest.TestCase):
    def test_fixture_output_matches_the_golden_file(self):
        with tempfile.TemporaryDirectory() as textfile_dir:
            command = [BINARY,
                       f"--path.procfs={FIXTURE}/proc", f"--path.sysfs={FIXTURE}/sys", f"--path.rootfs={FIXTURE}/root",
                       f"--path.udev.data={FIXTURE}/udev/data",
                       f"--collector.textfile.directory={textfile_dir}",  # empty: no application metrics
                       "--sampler.interval=1h", "--log.level=warn"]
            env = dict(os.environ, TZ="UTC")
            with RunningExporter(command, env=env) as exporter:
                raw = self.scrape_after_first_sample(exporter.url)

        families = parse_text(raw)
        for family in VOLATILE_FAMILIES:  # a family that vanished should leave this list too
            if family.startswith("host_cpu_window_start"):
                continue  # absent by design: one sample, the first window runs from boot
            self.assertIn(family, families, f"{family} is listed as volatile but was not exported")
        for family in MASKED_VALUES:
            self.assertIn(family, families, f"{family} is listed as masked but was not exported")
            for value in families[family].series().values():
                self.assertGreaterEqual(value, 0, family)

        problems = promtool_problems(raw)
        if problems is not None:
            self.assertEqual(problems, [], "promtool findings on the raw scrape")

        actual = normalise(raw)
        if UPDATE:
            os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
            with open(GOLDEN, "w", encoding="utf-8") as f:
                f.write(actual)
            print(f"\nwrote {GOLDEN}", file=sys.stderr)
        with open(GOLDEN, encoding="utf-8") as f:
            expected = f.read()
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                "golden", "actual", n=1))
            self.fail("output differs from the golden file (rerun with --update if the change is intended):\n"
                      + diff)

        problems = promtool_problems(expected)
        if problems is None:
            self.skipTest("promtool not found: the golden file was compared but not linted")
        self.assertEqual(problems, [], "promtool findings on the golden file")

    def scrape_after_first_sample(self, url):
        """The first sampler window is published asynchronously; wait for it (bounded), and for two
        scrapes in a row that agree once normalised, so that nothing half-started is compared."""
        deadline = time.monotonic() + 20
        previous = None
        while time.monotonic() < deadline:
            text = scrape(url)
            if "\nhost_cpu_utilization_ratio " in text:
                if previous is not None and normalise(text) == normalise(previous):
                    return text
                previous = text
            time.sleep(0.1)
        self.fail("no stable scrape with the first sampler window within 20 s")


def main():
    global BINARY, UPDATE
    args = sys.argv[1:]
    if "--update" in args:
        args.remove("--update")
        UPDATE = True
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    BINARY = os.path.abspath(args[0])
    result = unittest.main(argv=[sys.argv[0]] + args[1:], exit=False, verbosity=2).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
