#!/usr/bin/env python3
"""host_exporter against the node_exporter installed here (Debian 12: /usr/bin/prometheus-node-exporter,
v1.5), live on this machine: both run with the collectors we implement and the same filters, are scraped
in the order ours, node_exporter's, ours, and for every family both expose:
- the TYPE is the same;
- the label sets are exactly the same (no documented difference remains for these collectors);
- the values agree within what the moment of reading explains. Ours are read just before and just after
  node_exporter's, so a counter of node_exporter must lie between our two readings, bit for bit up to
  decimal rounding; constants (MemTotal, boot time, filesystem sizes) must be equal; gauges that move
  (MemFree, free disk space, running processes) must lie between our readings widened by a per-family
  tolerance, listed below with its reason.
Families only one side exposes must be listed below with the reason (docs/metrics.md says why for ours).

Usage: test_node_exporter_compat.py /path/to/host_exporter   (node_exporter from $HX_NODE_EXPORTER,
/usr/bin/prometheus-node-exporter or node_exporter on PATH; skipped when there is none)
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exporter_harness import RunningExporter, found_program, main_with_binary, parse_text, scrape  # noqa: E402

BINARY = None
NODE_EXPORTER = found_program("HX_NODE_EXPORTER", "prometheus-node-exporter", "node_exporter")

# node_exporter's collectors that host_exporter implements.
SHARED_COLLECTORS = ["cpu", "diskstats", "filesystem", "hwmon", "loadavg", "meminfo", "netdev", "os", "pressure",
                     "stat", "textfile", "time", "uname", "vmstat"]

# The same filters for both: our defaults are upstream node_exporter's (newest lists); Debian patches its
# build's defaults (it also excludes /run, /mnt, /media and the lo interface, and 1.5 does not exclude
# zram or erofs), so the defaults alone would compare different device sets.
SHARED_FILTERS = [
    r"--collector.diskstats.device-exclude=^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$",
    r"--collector.filesystem.mount-points-exclude="
    r"^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)",
    r"--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs"
    r"|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs"
    r"|erofs|sysfs|tracefs)$",
]
NODE_ONLY_FILTERS = ["--collector.netdev.device-exclude="]  # undo Debian's "^lo$"; ours has no default

ONLY_NODE_EXPORTER = {
    "node_exporter_build_info": "its own build; ours is host_exporter_build_info",
    "process_virtual_memory_max_bytes": "the Go client's address-space limit; not exported by us",
}
ONLY_NODE_EXPORTER_PREFIXES = {
    "go_": "the Go runtime of node_exporter",
    "promhttp_": "the Go client's HTTP handler metrics",
}
ONLY_HOST_EXPORTER_PREFIXES = {
    "host_": "the btop view and host_exporter's own families (docs/metrics.md)",
}

# Values not compared: they describe each exporter itself.
OWN_VALUES = {
    "node_scrape_collector_duration_seconds": "each exporter's own collector timings",
    "process_cpu_seconds_total": "each exporter's own process",
    "process_open_fds": "each exporter's own process",
    "process_max_fds": "each exporter's own process (same limit, but Go raises its soft limit)",
    "process_resident_memory_bytes": "each exporter's own process",
    "process_virtual_memory_bytes": "each exporter's own process",
    "process_start_time_seconds": "each exporter's own process",
}

# Series where the values differ on purpose: (family, labels) -> (node_exporter's, ours, reason).
DOCUMENTED_VALUE_DIFFERENCES = {
    ("node_scrape_collector_success", (("collector", "hwmon"),)): (
        0.0, 1.0, "docs/metrics.md, hwmon: no class/hwmon is success 1 for us, 'no data' (0) for node_exporter"),
}

# Gauges that are constant while the machine runs: all three readings must be equal.
CONSTANT_GAUGES = {
    "node_boot_time_seconds", "node_memory_MemTotal_bytes", "node_memory_SwapTotal_bytes",
    "node_memory_Hugepagesize_bytes", "node_memory_VmallocTotal_bytes", "node_memory_HugePages_Total",
    "node_filesystem_size_bytes", "node_filesystem_files", "node_filesystem_readonly",
    "node_filesystem_device_error", "node_time_zone_offset_seconds", "node_os_version",
    "node_hwmon_temp_max_celsius", "node_hwmon_temp_crit_celsius",
}

MIB = 1024 * 1024
# Gauges that move: node_exporter's value must lie within our two readings widened by this much.
GAUGE_TOLERANCE = {
    "node_memory_": (64 * MIB, "memory moves by megabytes in the milliseconds between reads on a busy machine"),
    "node_filesystem_free_bytes": (256 * MIB, "builds write to the disks while the three scrapes run"),
    "node_filesystem_avail_bytes": (256 * MIB, "builds write to the disks while the three scrapes run"),
    "node_filesystem_files_free": (10000, "builds create and delete files while the three scrapes run"),
    "node_procs_running": (16, "the scheduler's instantaneous count; each exporter counts itself running"),
    "node_procs_blocked": (16, "the scheduler's instantaneous count"),
    "node_disk_io_now": (64, "requests in flight at the instant of reading"),
    "node_hwmon_temp_celsius": (5, "temperatures move between reads"),
}
# Counters that may step back a little in the kernel: each exporter keeps its own maximum.
COUNTER_SLACK = {
    "node_cpu_seconds_total": (0.05, "idle and iowait of /proc/stat can go back by a tick"),
}
ROUNDING = 1e-9  # relative: node_exporter and we turn the same integers into decimals in different steps


def tolerance(table, family):
    for prefix, (value, _) in table.items():
        if family == prefix or (prefix.endswith("_") and family.startswith(prefix)):
            return value
    return 0


def within(value, low, high, slack):
    margin = slack + ROUNDING * max(abs(low), abs(high), 1.0)
    return low - margin <= value <= high + margin


class NodeExporterCompatTest(unittest.TestCase):
    def setUp(self):
        if not NODE_EXPORTER:
            self.skipTest("node_exporter is not installed")

    def test_shared_families_agree(self):
        with tempfile.TemporaryDirectory() as textfile_dir:
            common = ["--collector.disable-defaults"] + [f"--collector.{c}" for c in SHARED_COLLECTORS] + \
                     [f"--collector.textfile.directory={textfile_dir}"] + SHARED_FILTERS
            ours = [BINARY, "--log.level=warn"] + common
            theirs = [NODE_EXPORTER, "--log.level=warn"] + common + NODE_ONLY_FILTERS
            with RunningExporter(theirs) as node, RunningExporter(ours) as host:
                failures = None
                for attempt in range(3):  # a gauge can move more than its tolerance: retry a whole round
                    before = parse_text(scrape(host.url))
                    node_families = parse_text(scrape(node.url))
                    after = parse_text(scrape(host.url))
                    if attempt == 0:
                        self.check_families_and_labels(node_families, before, after)
                    failures = self.value_failures(node_families, before, after)
                    if not failures:
                        break
        self.assertEqual(failures, [], "values that the moment of reading does not explain (3 rounds)")

    def check_families_and_labels(self, node, before, after):
        problems = []
        for name in sorted(set(node) - set(before)):
            if name not in ONLY_NODE_EXPORTER and not name.startswith(tuple(ONLY_NODE_EXPORTER_PREFIXES)):
                problems.append(f"{name}: exported by node_exporter only")
        for name in sorted(set(before) - set(node)):
            if not name.startswith(tuple(ONLY_HOST_EXPORTER_PREFIXES)):
                problems.append(f"{name}: exported by host_exporter only")
        for name in ONLY_NODE_EXPORTER:
            if name in before:
                problems.append(f"{name}: listed as node_exporter only, but we export it now")
        shared = sorted(set(node) & set(before))
        for name in shared:
            if node[name].type != before[name].type:
                problems.append(f"{name}: TYPE {before[name].type}, node_exporter says {node[name].type}")
            ours, theirs = set(before[name].series()) | set(after[name].series()), set(node[name].series())
            for labels in sorted(theirs - ours):
                problems.append(f"{name}{dict(labels)}: node_exporter only")
            for labels in sorted(set(before[name].series()) - theirs):
                problems.append(f"{name}{dict(labels)}: host_exporter only")
        print(f"\n{len(shared)} shared families, {sum(len(node[n].series()) for n in shared)} series", file=sys.stderr)
        self.assertEqual(problems, [], "families, types or label sets differ")

    def value_failures(self, node, before, after):
        failures = []
        for name in sorted(set(node) & set(before) & set(after)):
            if name in OWN_VALUES:
                continue
            family_type = node[name].type
            theirs, first, second = node[name].series(), before[name].series(), after[name].series()
            for labels, value in theirs.items():
                if labels not in first or labels not in second:
                    continue  # a device that came or went between the scrapes; the label check saw the rest
                low, high = min(first[labels], second[labels]), max(first[labels], second[labels])
                documented = DOCUMENTED_VALUE_DIFFERENCES.get((name, labels))
                if documented is not None:
                    if (value, first[labels]) != documented[:2]:
                        failures.append(f"{name}{dict(labels)}: expected the documented {documented[:2]}, "
                                        f"got node_exporter {value}, ours {first[labels]}")
                    continue
                if name in CONSTANT_GAUGES or name.endswith("_info"):
                    ok = value == first[labels] == second[labels]
                elif family_type in ("counter", "untyped"):  # node_vmstat_* are untyped counters
                    ok = within(value, low, high, tolerance(COUNTER_SLACK, name))
                else:
                    ok = within(value, low, high, tolerance(GAUGE_TOLERANCE, name))
                if not ok:
                    failures.append(f"{name}{dict(labels)}: node_exporter {value!r}, "
                                    f"ours {first[labels]!r} then {second[labels]!r}")
        return failures


if __name__ == "__main__":
    sys.exit(main_with_binary(sys.modules[__name__]))
