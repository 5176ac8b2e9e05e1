#!/usr/bin/env python3
"""macOS parity: the darwin probe's numbers against the system's own tools, on a real Mac.

    test_darwin_parity.py PATH/TO/darwin_probe [--skip-loopback-traffic]

Every family is compared with what macOS's own tools print: memory (vm_stat, sysctl hw.memsize,
vm.swapusage, top), CPUs (sysctl hw.ncpu and hw.perflevelN, top -l 2 against the ticks'
deltas, IODeviceTree's cluster-type per CPU), network (netstat -ibn, after pushing 5 GiB through lo0 so a counter is past 4 GiB),
disks (iostat -Id), filesystems (df -k), processes (ps -axo comm,pid,state), load and boot
time (sysctl), uname and sw_vers. Each check prints both sides, so that a failure on the first
run on a Mac says what to fix. Readings that move while we measure are checked against the
range the tool printed just before and just after the probe, widened by a stated slack; each
tolerance says why it is what it is. The parsers are in darwin_tool_outputs.py (unit-tested
on Linux by test_darwin_tool_outputs.py).
"""
import os
import re
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import darwin_tool_outputs as tools  # noqa: E402

MIB = 1 << 20
GIB = 1 << 30
failures = []


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def sysctl(name):
    return run("sysctl", "-n", name).strip()


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
    return None


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def within(ours, low, high, slack, what, why):
    """ours in [low - slack, high + slack]; `why` states the reason for the slack."""
    if ours is None:
        check(False, f"{what}: ours missing, system {low:.0f}..{high:.0f}")
        return
    check(low - slack <= ours <= high + slack,
          f"{what}: ours {ours:.0f}, system {low:.0f}..{high:.0f} (slack {slack:.0f}: {why})")


def bracketed(read_tool, probe):
    """The tool's reading just before and just after one probe run, and the probe's samples."""
    before = read_tool()
    samples = parse_exposition(run(probe, "--no-wait"))
    after = read_tool()
    return before, samples, after


def check_memory(probe):
    page = int(sysctl("hw.pagesize"))
    (page_before, before), samples, (page_after, after) = bracketed(lambda: tools.vm_stat(run("vm_stat")), probe)
    check(page_before == page_after == page, f"vm_stat page size {page_before} = hw.pagesize {page}")
    memsize = int(sysctl("hw.memsize"))
    for name in ("node_memory_total_bytes", "node_memory_MemTotal_bytes"):
        check(value(samples, name) == memsize, f"{name} {value(samples, name)} = hw.memsize {memsize}")
    slack, why = 64 * MIB, "pages move between the three reads"
    seen = [tools.vm_stat_free_pages(c) * page for c in (before, after)]
    within(value(samples, "node_memory_free_bytes"), min(seen), max(seen), slack,
           "free = vm_stat 'Pages free' + 'Pages speculative'", why)
    for ours, field in [("node_memory_active_bytes", "Pages active"), ("node_memory_inactive_bytes", "Pages inactive"),
                        ("node_memory_wired_bytes", "Pages wired down"),
                        ("node_memory_compressed_bytes", "Pages occupied by compressor"),
                        ("node_memory_purgeable_bytes", "Pages purgeable"),
                        ("node_memory_internal_bytes", "Anonymous pages")]:
        seen = [c[field] * page for c in (before, after)]
        within(value(samples, ours), min(seen), max(seen), slack, f"{ours} vs vm_stat {field!r}", why)
    app = [(c["Anonymous pages"] - c["Pages purgeable"]) * page for c in (before, after)]
    within(value(samples, "host_memory_app_bytes"), min(app), max(app), slack, "App Memory = anonymous - purgeable", why)
    swap = tools.swap_usage(run("sysctl", "vm.swapusage"))
    within(value(samples, "node_memory_swap_total_bytes"), swap["total"], swap["total"], MIB,
           "swap total vs vm.swapusage", "sysctl prints MiB with two decimals")
    within(value(samples, "node_memory_swap_used_bytes"), swap["used"], swap["used"], 64 * MIB,
           "swap used vs vm.swapusage", "swap moves between the reads")
    physmem = re.search(r"PhysMem: \S+ used \((\S+) wired", run("top", "-l", "1", "-n", "0"))
    if physmem:
        wired = tools.to_bytes(physmem.group(1))
        within(value(samples, "host_memory_wired_bytes"), wired, wired, max(slack, 0.02 * wired),
               "wired vs top PhysMem", "top rounds to 3 digits and reads at another moment")


def cpu_seconds(samples):
    per_cpu = {}
    for labels, seconds in samples.get("node_cpu_seconds_total", []):
        per_cpu.setdefault(labels["cpu"], {})[labels["mode"]] = seconds
    return per_cpu


def check_cpu(probe):
    first = parse_exposition(run(probe, "--no-wait"))
    started = time.monotonic()
    top = run("top", "-l", "2", "-s", "2", "-n", "0")
    elapsed = time.monotonic() - started
    second = parse_exposition(run(probe, "--no-wait"))
    before, after = cpu_seconds(first), cpu_seconds(second)
    ncpu = int(sysctl("hw.ncpu"))
    check(len(after) == ncpu, f"{len(after)} CPUs = hw.ncpu {ncpu}")
    check(all(set(modes) == {"user", "nice", "system", "idle"} for modes in after.values()), "four darwin CPU modes")
    # Every CPU's ticks advance with the clock: CLK_TCK (100/s) ticks per second each. 25 %:
    # the probes and top start and stop at slightly different moments around `elapsed`.
    for cpu in sorted(after, key=int):
        advanced = sum(after[cpu].values()) - sum(before[cpu].values())
        within(advanced * 100, elapsed * 75, elapsed * 125, 0, f"cpu{cpu} ticks over {elapsed:.1f} s",
               "probe and top windows differ by up to a quarter")
    busy = sum(after[c][m] - before[c][m] for c in after for m in ("user", "nice", "system"))
    total = sum(sum(after[c].values()) - sum(before[c].values()) for c in after)
    user, system, idle = tools.top_cpu_usage(top)
    ours = 100 * busy / total if total else None
    within(ours, user + system, user + system, 15, "busy % over top's window vs top -l 2",
           "the windows are close, not equal, and top itself runs in ours")
    try:
        levels = int(sysctl("hw.nperflevels"))
    except subprocess.CalledProcessError:
        levels = 0  # Intel: one kind of core
    types = {}
    for labels, _ in second.get("host_cpu_core_type_info", []):
        types[labels["core_type"]] = types.get(labels["core_type"], 0) + 1
    for level in range(levels):
        name = sysctl(f"hw.perflevel{level}.name").lower()
        count = int(sysctl(f"hw.perflevel{level}.logicalcpu"))
        check(types.get(name) == count, f"{name} cores: ours {types.get(name)}, hw.perflevel{level}.logicalcpu {count}")
    # Which numbers are which kind: host_cpu_core_type_info assumes the efficiency cores come
    # first; the device tree's cluster-type says it per CPU (absent in a VM: nothing to compare).
    clusters = tools.ioreg_cluster_types(run("ioreg", "-p", "IODeviceTree", "-n", "cpus", "-r", "-l"))
    ours_types = {int(labels["cpu"]): labels["core_type"][:1].upper() for labels, _ in
                  second.get("host_cpu_core_type_info", [])}
    if clusters:
        check(ours_types == clusters, f"core kind per CPU: ours {ours_types}, IODeviceTree cluster-type {clusters}")
    else:
        print(f"     no cluster-type in IODeviceTree (a VM?): ours {ours_types} not compared")


def push_through_loopback(total_bytes):
    """Sends `total_bytes` over a 127.0.0.1 TCP connection, so lo0's counters pass 4 GiB."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def drain():
        connection, _ = server.accept()
        with connection:
            while connection.recv(1 << 20):
                pass

    reader = threading.Thread(target=drain)
    reader.start()
    chunk = b"\0" * (1 << 20)
    with socket.create_connection(("127.0.0.1", port)) as client:
        for _ in range(total_bytes // len(chunk)):
            client.sendall(chunk)
    reader.join()
    server.close()


def check_network(probe, push_loopback):
    if push_loopback:
        pushed = 5 * GIB
        started = time.monotonic()
        push_through_loopback(pushed)
        print(f"     pushed {pushed} bytes through lo0 in {time.monotonic() - started:.1f} s")
    before, samples, after = bracketed(lambda: tools.netstat_interfaces(run("netstat", "-ibn")), probe)
    for name in sorted(after):
        if name not in before:
            continue
        for ours_name, field in [("node_network_receive_bytes_total", "ibytes"),
                                 ("node_network_transmit_bytes_total", "obytes"),
                                 ("node_network_receive_packets_total", "ipkts"),
                                 ("node_network_transmit_packets_total", "opkts"),
                                 ("node_network_receive_errs_total", "ierrs")]:
            low, high = before[name][field], after[name][field]
            # netstat reads NET_RT_IFLIST2 as a platform binary (exact 64-bit counts); ours come
            # from ifmibdata, the same kernel counters: only traffic between the reads differs.
            slack = 64 * 1024 if field.endswith("bytes") else 64
            within(value(samples, ours_name, device=name), low, high, slack, f"{name} {field} vs netstat -ibn",
                   "traffic between the reads")
    lo0 = value(samples, "node_network_receive_bytes_total", device="lo0")
    if push_loopback:
        check(lo0 is not None and lo0 > 4 * GIB, f"lo0 received {lo0} bytes > 4 GiB (no 32-bit wrap, no 1 KiB steps)")


def check_disks(probe):
    before, samples, after = bracketed(lambda: tools.iostat_total_megabytes(run("iostat", "-Id")), probe)
    for disk in sorted(after):
        read = value(samples, "node_disk_read_bytes_total", device=disk)
        written = value(samples, "node_disk_written_bytes_total", device=disk)
        if read is None or written is None:
            check(False, f"{disk}: ours missing, iostat has it")
            continue
        # iostat reads the same IOBlockStorageDriver statistics, in MiB with two decimals.
        within((read + written) / MIB, before.get(disk, after[disk]), after[disk], 0.01 + 64,
               f"{disk} MiB read+written vs iostat -Id", "iostat rounds to 0.01 MiB; writes between the reads")


def check_filesystems(probe):
    before, samples, after = bracketed(lambda: tools.df_kilobytes(run("df", "-k")), probe)
    for mount, df in sorted(after.items()):
        if mount == "/dev" or df["blocks"] == 0 or mount not in before:
            continue  # devfs is excluded as node_exporter does; autofs maps have no size
        size = None
        for labels, number in samples.get("node_filesystem_size_bytes", []):
            if labels.get("mountpoint") == mount:
                size = number
        within(None if size is None else size / 1024, df["blocks"], df["blocks"], 1, f"{mount} size KiB vs df -k",
               "df divides f_blocks x f_bsize by 1024")
        ratio = value(samples, "host_filesystem_used_ratio", mountpoint=mount)
        seen = [d["used"] / d["blocks"] for d in (before[mount], df)]
        within(None if ratio is None else ratio * 1000, min(seen) * 1000, max(seen) * 1000, 5,
               f"{mount} used ratio (per mille) vs df -k Used/1024-blocks", "writes between the reads")


def check_processes(probe):
    before, samples, after = bracketed(lambda: tools.ps_processes(run("ps", "-axo", "comm,pid,state")), probe)
    ours_total = sum(v for _, v in samples.get("host_processes", []))
    within(ours_total, min(len(before), len(after)), max(len(before), len(after)), 10,
           "process count vs ps -axo", "processes start and end between the reads (ps itself among them)")
    names = {}
    for comm, _, _ in after:
        base = os.path.basename(comm)
        names[base] = names.get(base, 0) + 1
    # Only the groups we export by name (the top N by CPU and by memory; the rest is "other").
    for labels, ours in sorted(samples.get("host_process_group_processes", []), key=lambda item: -item[1])[:10]:
        name = labels["name"]
        if name == "other":
            continue
        count = names.get(name, 0)
        within(ours, count, count, max(2, count // 5), f"group {name!r} vs ps basenames of comm",
               "helpers come and go; group names are proc_pidpath basenames, ps prints the same path")
    # The 16-byte p_comm would cut "Google Chrome Helper (GPU)" to "Google Chrome He".
    cut = sorted({labels["name"] for labels, _ in samples.get("host_process_group_processes", [])
                  if len(labels["name"]) == 16 and any(n.startswith(labels["name"]) and len(n) > 16 for n in names)})
    check(not cut, f"no group named by a 16-byte p_comm where ps has the longer name (cut: {cut})")
    ps_states = {}
    for _, _, state in after:
        name = tools.ps_state_name(state)
        ps_states[name] = ps_states.get(name, 0) + 1
    ours_states = {labels["state"]: count for labels, count in samples.get("host_processes", [])}
    print(f"     states: ours {ours_states}, ps {ps_states}")
    known = ours_total - ours_states.get("unknown", 0)
    if known:
        ours_waiting = (ours_states.get("sleeping", 0) + ours_states.get("idle", 0)) / known
        ps_waiting = (ps_states.get("sleeping", 0) + ps_states.get("idle", 0)) / max(1, len(after))
        within(ours_waiting * 100, ps_waiting * 100, ps_waiting * 100, 15, "share sleeping+idle (%) vs ps",
               "ours is the processes whose threads we may read; states change by the millisecond")
    check(ours_states.get("running", 0) < 0.5 * ours_total,
          f"running {ours_states.get('running', 0)} is not most of {ours_total} (p_stat would say SRUN for all)")
    within(ours_states.get("zombie", 0), ps_states.get("zombie", 0), ps_states.get("zombie", 0), 2,
           "zombies vs ps", "reaped between the reads")


def check_system(probe):
    samples = parse_exposition(run(probe, "--no-wait"))
    boot = tools.boot_time(sysctl("kern.boottime"))
    check(value(samples, "node_boot_time_seconds") == boot,
          f"boot time {value(samples, 'node_boot_time_seconds')} = kern.boottime {boot}")
    load = tools.load_average(sysctl("vm.loadavg"))
    within(value(samples, "node_load1"), load[0], load[0], 0.5, "load1 vs vm.loadavg", "the load moves every 5 s")
    check(value(samples, "node_uname_info", release=run("uname", "-r").strip(), machine=run("uname", "-m").strip())
          == 1, "uname release and machine")
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
    check("host_process_group_footprint_bytes" in samples, "process footprints present")


def main():
    probe = sys.argv[1]
    push_loopback = "--skip-loopback-traffic" not in sys.argv
    for section in (check_memory, check_cpu, check_disks, check_filesystems, check_processes, check_system):
        print(f"--- {section.__name__}")
        section(probe)
    print("--- check_network")
    check_network(probe, push_loopback)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("darwin parity: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
