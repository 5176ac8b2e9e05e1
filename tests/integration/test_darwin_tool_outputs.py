#!/usr/bin/env python3
"""The parsers of macOS's tool outputs (darwin_tool_outputs.py), on recorded outputs
(tests/fixtures/darwin/tools): runs on any OS, so a parser bug shows before the Mac job.

    test_darwin_tool_outputs.py FIXTURES_DIR
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import darwin_tool_outputs as tools  # noqa: E402

FIXTURES = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def fixture(name):
    with open(os.path.join(FIXTURES, "darwin", name), encoding="utf-8") as f:
        return f.read()


class VmStat(unittest.TestCase):
    def test_free_count_is_pages_free_plus_speculative(self):
        page, counts = tools.vm_stat(fixture("vm_stat-intel-4k.txt"))
        self.assertEqual(page, 4096)
        self.assertEqual(counts["Pages free"], 6127229)
        self.assertEqual(counts["Translation faults"], 11477162)  # a quoted name
        self.assertEqual(tools.vm_stat_free_pages(counts), 6127229 + 430715)


class Sysctl(unittest.TestCase):
    def test_boot_time_load_and_swap(self):
        lines = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in fixture("tools/sysctl.txt").splitlines()}
        self.assertEqual(tools.boot_time(lines["kern.boottime"]), 1796500000.25)
        self.assertEqual(tools.load_average(lines["vm.loadavg"]), [2.11, 1.95, 1.80])
        swap = tools.swap_usage(lines["vm.swapusage"])
        self.assertEqual(swap["total"], 2048 << 20)
        self.assertEqual(swap["used"], 1024.5 * (1 << 20))


class Top(unittest.TestCase):
    def test_the_last_sample_counts(self):
        text = fixture("tools/top-l2.txt")
        self.assertEqual(tools.top_cpu_usage(text), (5.10, 3.20, 91.70))  # not the first, from boot
        self.assertEqual(tools.top_process_count(text), 614)


class Netstat(unittest.TestCase):
    def test_link_rows_with_and_without_an_address(self):
        interfaces = tools.netstat_interfaces(fixture("tools/netstat-ibn.txt"))
        self.assertEqual(sorted(interfaces), ["en0", "gif0", "lo0", "stf0", "utun0"])
        self.assertEqual(interfaces["lo0"]["ibytes"], 5401234567)  # above 4 GiB: no 32-bit wrap
        self.assertEqual(interfaces["en0"]["ipkts"], 1234567)
        self.assertEqual(interfaces["en0"]["ierrs"], 3)
        self.assertEqual(interfaces["en0"]["obytes"], 123456789)
        self.assertEqual(interfaces["utun0"]["opkts"], 25)


class Iostat(unittest.TestCase):
    def test_megabytes_per_disk(self):
        self.assertEqual(tools.iostat_total_megabytes(fixture("tools/iostat-Id.txt")),
                         {"disk0": 25361.72, "disk4": 6.25})


class Df(unittest.TestCase):
    def test_names_with_spaces(self):
        mounts = tools.df_kilobytes(fixture("tools/df-k.txt"))
        self.assertEqual(mounts["/"]["blocks"], 482797652)
        self.assertEqual(mounts["/"]["available"], 227378280)
        self.assertEqual(mounts["/System/Volumes/Data/home"]["device"], "map auto_home")
        self.assertEqual(mounts["/Volumes/Backup Disk"]["used"], 400000)
        self.assertEqual(len(mounts), 6)


class Ps(unittest.TestCase):
    def test_paths_with_spaces_and_states(self):
        rows = tools.ps_processes(fixture("tools/ps-axo-comm-pid-state.txt"))
        self.assertEqual(len(rows), 9)
        self.assertEqual(rows[0], ("/sbin/launchd", 1, "Ss"))
        self.assertTrue(rows[2][0].endswith("/Google Chrome Helper (GPU)"))
        self.assertEqual(rows[2][1], 4242)
        self.assertEqual([tools.ps_state_name(state) for _, _, state in rows],
                         ["sleeping", "sleeping", "sleeping", "sleeping", "idle", "sleeping", "zombie", "running",
                          "stopped"])


class Ioreg(unittest.TestCase):
    def test_cluster_type_per_cpu(self):
        self.assertEqual(tools.ioreg_cluster_types(fixture("tools/ioreg-cpus.txt")), {0: "E", 1: "E", 2: "P", 3: "P"})
        self.assertEqual(tools.ioreg_cluster_types("+-o cpus  <class IOPlatformDevice>\n"), {})


if __name__ == "__main__":
    unittest.main()
