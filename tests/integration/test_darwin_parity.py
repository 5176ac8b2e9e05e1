#!/usr/bin/env python3
"""macOS parity: the darwin probe's numbers against the system's own tools, on a real Mac.

    test_darwin_parity.py PATH/TO/darwin_probe

Compares with sysctl (hw.memsize, hw.ncpu, kern.boottime, vm.swapusage, vm.loadavg,
hw.model, kern.hv_vmm_present), vm_stat (page counts, page size), top -l 1 (PhysMem wired
and compressor, process count), uname and sw_vers. Memory moves while we measure, so page
counts are checked against the range vm_stat printed just before and just after the probe,
widened by a small slack; identities (total memory, boot time, versions) must be exact.
"""
import re
import subprocess
import sys

MIB = 1 << 20


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def parse_exposition(text):
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$', line)
        assert match, f"unparsable line: {line!r}"
        labels = dict(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', match.group(3) or ""))
        samples.setdefault(match.group(1), []).append((labels, float(match.group(4))))
    return samples


def value(samples, name, **labels):
    for sample_labels, number in samples.get(name, []):
        if all(sample_labels.get(k) == v for k, v in labels.items()):
            return number
    raise AssertionError(f"{name}{labels} missing")


def vm_stat():
    text = run("vm_stat")
    page = int(re.search(r"page size of (\d+) bytes", text).group(1))
    counts = {m.group(1): int(m.group(2)) for m in re.finditer(r'^"?([^":]+)"?:\s+(\d+)\.', text, re.M)}
    return page, counts


def sysctl(name):
    return run("sysctl", "-n", name).strip()


def to_bytes(text):
    number, unit = float(text[:-1]), text[-1]
    return number * {"B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}[unit]


failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def within(ours, low, high, slack, what):
    check(low - slack <= ours <= high + slack,
          f"{what}: ours {ours:.0f}, system {low:.0f}..{high:.0f} (slack {slack:.0f})")


def main():
    probe = sys.argv[1]
    page_before, before = vm_stat()
    samples = parse_exposition(run(probe))
    page_after, after = vm_stat()
    top = run("top", "-l", "1", "-n", "0")

    check(page_before == page_after == int(sysctl("hw.pagesize")), f"vm_stat page size {page_before} = hw.pagesize")
    check(value(samples, "node_memory_total_bytes") == int(sysctl("hw.memsize")), "total = hw.memsize")
    check(value(samples, "node_memory_MemTotal_bytes") == int(sysctl("hw.memsize")), "MemTotal = hw.memsize")
    slack = 64 * MIB
    for ours, field in [("node_memory_free_bytes", "Pages free"), ("node_memory_active_bytes", "Pages active"),
                        ("node_memory_inactive_bytes", "Pages inactive"), ("node_memory_wired_bytes", "Pages wired down"),
                        ("node_memory_compressed_bytes", "Pages occupied by compressor"),
                        ("node_memory_purgeable_bytes", "Pages purgeable"), ("node_memory_internal_bytes", "Anonymous pages")]:
        seen = [before[field] * page_before, after[field] * page_after]
        within(value(samples, ours), min(seen), max(seen), slack, f"{ours} vs vm_stat {field!r}")
    app = [(c["Anonymous pages"] - c["Pages purgeable"]) * page_before for c in (before, after)]
    within(value(samples, "host_memory_app_bytes"), min(app), max(app), slack, "App Memory = anonymous - purgeable")
    used = value(samples, "host_memory_app_bytes") + value(samples, "host_memory_wired_bytes") + \
        value(samples, "host_memory_compressed_bytes")
    check(abs(value(samples, "host_memory_activity_monitor_used_bytes") - used) < 1,
          "Activity Monitor used = App + Wired + Compressed")
    btop_used = value(samples, "node_memory_active_bytes") + value(samples, "node_memory_wired_bytes")
    check(abs(value(samples, "host_memory_used_bytes") - btop_used) < 1, "btop used = active + wired")

    physmem = re.search(r"PhysMem: (\S+) used \((\S+) wired, (\S+) compressor\)", top)
    if physmem:
        within(value(samples, "host_memory_wired_bytes"), to_bytes(physmem.group(2)), to_bytes(physmem.group(2)),
               max(slack, 0.02 * to_bytes(physmem.group(2))), "wired vs top PhysMem")
    swap = dict(re.findall(r"(total|used|free) = ([\d.]+[KMGT])", sysctl("vm.swapusage")))
    within(value(samples, "node_memory_swap_total_bytes"), to_bytes(swap["total"]), to_bytes(swap["total"]),
           MIB, "swap total vs vm.swapusage")
    within(value(samples, "node_memory_swap_used_bytes"), to_bytes(swap["used"]), to_bytes(swap["used"]),
           64 * MIB, "swap used vs vm.swapusage")

    cpus = {labels["cpu"] for labels, _ in samples["node_cpu_seconds_total"]}
    check(len(cpus) == int(sysctl("hw.ncpu")), f"{len(cpus)} CPUs = hw.ncpu")
    check({labels["mode"] for labels, _ in samples["node_cpu_seconds_total"]} == {"user", "nice", "system", "idle"},
          "four darwin CPU modes")
    boot = re.search(r"sec = (\d+), usec = (\d+)", sysctl("kern.boottime"))
    check(value(samples, "node_boot_time_seconds") == int(boot.group(1)) + int(boot.group(2)) / 1e6,
          "boot time = kern.boottime")
    load = [float(x) for x in sysctl("vm.loadavg").strip("{} ").split()]
    check(abs(value(samples, "node_load1") - load[0]) < 1.0, "load1 near vm.loadavg")
    check(value(samples, "node_uname_info", release=run("uname", "-r").strip(), machine=run("uname", "-m").strip()) == 1,
          "uname release and machine")
    check(value(samples, "node_os_info", version=run("sw_vers", "-productVersion").strip()) == 1,
          "node_os_info version = sw_vers")

    model = sysctl("hw.model")
    try:
        vmm = int(sysctl("kern.hv_vmm_present"))
    except subprocess.CalledProcessError:
        vmm = 0
    expected = "apple" if model.startswith("VirtualMac") else "vm-other" if vmm == 1 else "none"
    check(value(samples, "host_exporter_environment_info", virtualization=expected, platform="darwin") == 1,
          f"environment {expected} (hw.model {model}, hv_vmm_present {vmm})")

    processes = re.search(r"Processes: (\d+) total", top)
    if processes:
        ours = sum(v for _, v in samples["host_processes"])
        within(ours, int(processes.group(1)), int(processes.group(1)), 0.1 * int(processes.group(1)) + 10,
               "process count vs top")
    check("node_disk_read_bytes_total" in samples, "disk counters present (IOKit)")
    check(any(labels.get("device") == "lo0" for labels, _ in samples.get("node_network_receive_bytes_total", [])),
          "lo0 in the interface list (NET_RT_IFLIST2)")
    check("host_process_group_footprint_bytes" in samples, "process footprints present")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("darwin parity: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
