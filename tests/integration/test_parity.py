#!/usr/bin/env python3
"""Live parity with btop's formulas on this machine: the exporter's host_memory_* and host_cpu_*
ratios must equal what an independent reader of /proc computes with btop's formulas
(/work/shared/REFERENCE.md section 1), to the byte and to the last bit of the double.

Usage: test_parity.py /path/to/host_exporter

Memory: /proc/meminfo is read just before and just after a scrape. When the fields btop uses are the
same in both readings, the exporter read those values too, and every host_memory_* / host_swap_*
series must equal btop's formula on them exactly. Attempts where memory moved in between are not
decisive and are retried (bounded). Independently of the moment, every scrape's host_* values must
equal the formula applied to the node_memory_* fields of the same scrape (the same read).

CPU: the ratio is taken between two sampler reads of /proc/stat, and the exporter says when each read
began (host_cpu_window_start/end_timestamp_seconds, Unix time; docs/metrics.md). Two tests:
- Exact (relayed): the exporter's --path.procfs is a directory where the test puts a fresh copy of the
  live /proc/stat once per interval, half an interval away from the sampler's reads, and only after the
  previous copy was seen by a published window. Each sampler read therefore saw a copy the test knows,
  and the ratio and every per-core ratio must equal btop's formula on the two copies bit for bit.
  (Reading /proc/stat directly cannot be exact: waking the sampler's thread on an idle CPU moves that
  CPU's idle/system counters within the same millisecond as the read.)
- Live bounds: the exporter reads /proc itself; the test reads /proc/stat back to back around the
  predicted ticks. For a read that began at t, L is the last test read that ended before t and U the first
  that began after t + SLACK (5 ms, the longest the exporter's read is assumed to take). Counters only
  grow, so L <= exporter <= U field by field, and the ratio must lie within the bounds those allow.
"""

import os
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exporter_harness import RunningExporter, main_with_binary, parse_text, scrape  # noqa: E402

BINARY = None
INTERVAL = 1.0              # --sampler.interval, seconds
RELAYED_WINDOWS = 5
MIN_EXACT_WINDOWS = 3
RELAY_MARGIN = 0.1          # a copy is replaced at least this far from any sampler read
# The exporter's read of /proc/stat completes within this of its timestamp. Generous, because a busy
# machine (CI runs tests in parallel) can preempt the read; a wider slack only widens the bounds.
SLACK = 0.050
RECORD_PAUSE = 0.002        # the background recording reads /proc/stat every ~2 ms
LIVE_WINDOWS = 6
MIN_LIVE_WINDOWS = 3
MEMORY_ATTEMPTS = 40
MIN_EXACT_MEMORY = 3


# --- btop's formulas, written independently of the exporter -------------------------------------------

def btop_memory(meminfo_kib):
    """REFERENCE.md section 1 (Linux, no ZFS): bytes."""
    total = meminfo_kib["MemTotal"] * 1024
    free = meminfo_kib["MemFree"] * 1024
    available = (meminfo_kib["MemAvailable"] if "MemAvailable" in meminfo_kib
                 else meminfo_kib["MemFree"] + meminfo_kib["Cached"]) * 1024
    used = total - available if available <= total else total - free
    return {
        "host_memory_total_bytes": total,
        "host_memory_free_bytes": free,
        "host_memory_available_bytes": available,
        "host_memory_cached_bytes": meminfo_kib["Cached"] * 1024,
        "host_memory_used_bytes": used,
        "host_swap_total_bytes": meminfo_kib["SwapTotal"] * 1024,
        "host_swap_used_bytes": (meminfo_kib["SwapTotal"] - meminfo_kib["SwapFree"]) * 1024,
    }


BTOP_MEMORY_FIELDS = ("MemTotal", "MemFree", "MemAvailable", "Cached", "SwapTotal", "SwapFree")


def read_meminfo():
    fields = {}
    with open("/proc/meminfo") as f:
        for line in f:
            name, rest = line.split(":", 1)
            fields[name] = int(rest.split()[0])
    return fields


def cpu_lines(stat_bytes):
    """{"cpu": [user, nice, system, idle, iowait, irq, softirq, steal], "cpu0": [...], ...}"""
    lines = {}
    for line in stat_bytes.decode().splitlines():
        if not line.startswith("cpu"):
            break
        parts = line.split()
        lines[parts[0]] = [int(v) for v in parts[1:9]]
    return lines


def busy_idle(times):
    """btop: total = first 8 fields, idle = idle + iowait; returns (busy ticks, idle ticks)."""
    idle = times[3] + times[4]
    return sum(times[:8]) - idle, idle


def btop_ratio(before, after):
    busy0, idle0 = busy_idle(before)
    busy1, idle1 = busy_idle(after)
    dbusy, didle = busy1 - busy0, idle1 - idle0
    return dbusy / (dbusy + didle)


def ratio_bounds(start_low, start_high, end_low, end_high):
    """The ratio's range when the start counters lie between start_low and start_high and the end
    counters between end_low and end_high (field by field; the ratio grows with busy, falls with idle)."""
    busy_s_lo, idle_s_lo = busy_idle(start_low)
    busy_s_hi, idle_s_hi = busy_idle(start_high)
    busy_e_lo, idle_e_lo = busy_idle(end_low)
    busy_e_hi, idle_e_hi = busy_idle(end_high)
    dbusy_min, dbusy_max = busy_e_lo - busy_s_hi, busy_e_hi - busy_s_lo
    didle_min, didle_max = idle_e_lo - idle_s_hi, idle_e_hi - idle_s_lo
    low = dbusy_min / (dbusy_min + didle_max) if dbusy_min + didle_max > 0 else 0.0
    high = dbusy_max / (dbusy_max + didle_min) if dbusy_max + didle_min > 0 else 1.0
    return max(low, 0.0), min(high, 1.0)


class StatRecording:
    """Reads /proc/stat every few milliseconds in a background thread, for as long as it runs, so
    that every sampler read the exporter makes meanwhile is bracketed, however late its tick was."""

    def __init__(self):
        self.reads = []  # [(begin, end, content)]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._record, daemon=True)

    def _record(self):
        while not self._stop.is_set():
            begin = time.time()
            with open("/proc/stat", "rb") as f:
                content = f.read()
            self.reads.append((begin, time.time(), content))
            time.sleep(RECORD_PAUSE)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)


def bracket(reads, instant):
    """(L, U) contents around an exporter read that began at `instant`, or None when the recording
    does not cover it."""
    lower = [r for r in reads if r[1] < instant]
    upper = [r for r in reads if r[0] > instant + SLACK]
    if not lower or not upper:
        return None
    return cpu_lines(lower[-1][2]), cpu_lines(upper[0][2])


def sleep_until(instant):
    delay = instant - time.time()
    if delay > 0:
        time.sleep(delay)


class ParityTest(unittest.TestCase):
    def test_memory_equals_btops_formula_to_the_byte(self):
        if os.path.exists("/proc/spl/kstat/zfs/arcstats"):
            self.skipTest("ZFS is loaded: btop adds the ARC, which this test's formula leaves out")
        command = [BINARY, "--collector.disable-defaults", "--collector.meminfo", "--log.level=warn"]
        exact = 0
        with RunningExporter(command) as exporter:
            for _ in range(MEMORY_ATTEMPTS):
                before = read_meminfo()
                families = parse_text(scrape(exporter.url))
                after = read_meminfo()
                exported = {name: families[name].series()[()] for name in btop_memory(before)}

                # The same read: the exporter's own node_memory_* fields through btop's formula.
                same_read = {field: families[f"node_memory_{field}_bytes"].series()[()] / 1024
                             for field in BTOP_MEMORY_FIELDS if f"node_memory_{field}_bytes" in families}
                self.assertEqual(exported, {k: float(v) for k, v in btop_memory(same_read).items()},
                                 "host_* differ from btop's formula on node_memory_* of the same scrape")

                # Constants: exact whatever the moment.
                self.assertEqual(exported["host_memory_total_bytes"], before["MemTotal"] * 1024)
                self.assertEqual(exported["host_swap_total_bytes"], before["SwapTotal"] * 1024)

                if all(before[f] == after[f] for f in BTOP_MEMORY_FIELDS if f in before):
                    self.assertEqual(exported, {k: float(v) for k, v in btop_memory(before).items()},
                                     "host_* differ from btop's formula on /proc/meminfo read around the scrape")
                    exact += 1
                    if exact >= MIN_EXACT_MEMORY + 2:
                        break
                time.sleep(0.05)
        print(f"\nmemory: {exact} scrapes compared exactly with /proc/meminfo", file=sys.stderr)
        self.assertGreaterEqual(exact, MIN_EXACT_MEMORY,
                                f"memory moved during every scrape but {exact} of {MEMORY_ATTEMPTS}: not enough "
                                "decisive comparisons")

    def test_cpu_ratio_equals_btops_formula_exactly(self):
        """Relayed /proc/stat: the live file is copied into the exporter's procfs root once per interval,
        half an interval away from the sampler's reads, so each read sees a copy the test knows."""
        with tempfile.TemporaryDirectory() as procfs:
            versions = []  # (instant the copy was in place, its cpu lines)

            def relay():
                with open("/proc/stat", "rb") as f:
                    content = f.read()
                with open(os.path.join(procfs, "stat.tmp"), "wb") as f:
                    f.write(content)
                os.replace(os.path.join(procfs, "stat.tmp"), os.path.join(procfs, "stat"))
                versions.append((time.time(), cpu_lines(content)))

            relay()
            command = [BINARY, f"--path.procfs={procfs}", "--collector.disable-defaults", "--collector.cpu",
                       f"--sampler.interval={int(INTERVAL)}s", "--log.level=warn"]
            exact = 0
            skipped = []
            with RunningExporter(command) as exporter:
                window = self.wait_for_window(exporter.url, after=versions[0][0], need_start=False)
                for _ in range(RELAYED_WINDOWS):
                    previous_end = window["end"]
                    sleep_until(previous_end + INTERVAL / 2)
                    relay()
                    written = versions[-1][0]
                    window = self.wait_for_window(exporter.url, after=written, need_start=True)
                    if window["start"] != previous_end or min(abs(written - window["start"]),
                                                              abs(written - window["end"])) < RELAY_MARGIN:
                        skipped.append(f"{window['start']:.3f}..{window['end']:.3f}: a tick was late or skipped")
                        continue
                    before, after = versions[-2][1], versions[-1][1]
                    expected = {line: btop_ratio(before[line], after[line]) for line in before}
                    self.assertEqual(window["ratios"], expected)
                    exact += 1
        print(f"\nrelayed cpu windows: {exact} exact, {len(skipped)} skipped", file=sys.stderr)
        self.assertGreaterEqual(exact, MIN_EXACT_WINDOWS, f"skipped: {skipped}")

    def test_cpu_ratio_agrees_with_proc_stat_read_around_the_samplers_reads(self):
        """Live /proc/stat: counters only grow, so the exporter's reads lie between the test's reads that
        bracket them, and the ratio within the bounds those allow."""
        command = [BINARY, "--collector.disable-defaults", "--collector.cpu", f"--sampler.interval={int(INTERVAL)}s",
                   "--log.level=warn"]
        checked = exact = 0
        skipped = []
        with StatRecording() as recording, RunningExporter(command) as exporter:
            window = self.wait_for_window(exporter.url, after=0, need_start=True)
            for _ in range(LIVE_WINDOWS):
                previous_end = window["end"]
                window = self.wait_for_window(exporter.url, after=previous_end, need_start=True)
                sleep_until(window["end"] + 2 * SLACK)  # the recording must pass the end read
                reads = list(recording.reads)
                start_bracket = bracket(reads, window["start"])
                end_bracket = bracket(reads, window["end"])
                if start_bracket is None or end_bracket is None:
                    skipped.append(f"{window['start']:.3f}..{window['end']:.3f} outside the recording")
                    continue
                (start_low, start_high), (end_low, end_high) = start_bracket, end_bracket
                for line, value in window["ratios"].items():
                    low, high = ratio_bounds(start_low[line], start_high[line], end_low[line], end_high[line])
                    self.assertTrue(low <= value <= high, f"{line}: {value} not in [{low}, {high}]")
                if start_low == start_high and end_low == end_high:
                    exact += 1
                checked += 1
        print(f"\nlive cpu windows: {checked} within bounds ({exact} of them exact), {len(skipped)} skipped",
              file=sys.stderr)
        self.assertGreaterEqual(checked, MIN_LIVE_WINDOWS, f"skipped: {skipped}")

    def wait_for_window(self, url, after, need_start):
        """Scrapes until a CPU window ending after `after` (Unix time) is published; returns
        {"start", "end", "ratios": {"cpu": r, "cpu0": r0, ...}}."""
        deadline = time.monotonic() + 5 * INTERVAL + 5
        while True:
            families = parse_text(scrape(url))
            end = families.get("host_cpu_window_end_timestamp_seconds")
            start = families.get("host_cpu_window_start_timestamp_seconds")
            if end is not None and end.series()[()] > after and (start is not None or not need_start):
                ratios = {"cpu": families["host_cpu_utilization_ratio"].series()[()]}
                for labels, value in families["host_cpu_core_utilization_ratio"].series().items():
                    ratios["cpu" + dict(labels)["cpu"]] = value
                return {"start": start.series()[()] if start is not None else None, "end": end.series()[()],
                        "ratios": ratios}
            self.assertLess(time.monotonic(), deadline, f"no CPU window ending after {after} was published")
            time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(main_with_binary(sys.modules[__name__]))
