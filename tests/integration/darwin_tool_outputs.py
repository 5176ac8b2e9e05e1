"""Parsers of what macOS's own tools print, for test_darwin_parity.py.

Each takes the tool's text and returns plain numbers; none runs anything, so they are
unit-tested on Linux with recorded outputs (test_darwin_tool_outputs.py,
tests/fixtures/darwin/tools/).
"""
import re

UNITS = {"B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def to_bytes(text):
    """'2048.00M' (sysctl vm.swapusage, top) in bytes."""
    return float(text[:-1]) * UNITS[text[-1]]


def vm_stat(text):
    """(page size, {"Pages free": n, ...}) from `vm_stat`."""
    page = int(re.search(r"page size of (\d+) bytes", text).group(1))
    counts = {m.group(1): int(m.group(2)) for m in re.finditer(r'^"?([^":\n]+)"?:\s+(\d+)\.', text, re.M)}
    return page, counts


def vm_stat_free_pages(counts):
    """The kernel's free_count: vm_stat prints it less the speculative pages as "Pages free"."""
    return counts["Pages free"] + counts.get("Pages speculative", 0)


def swap_usage(text):
    """{"total": bytes, "used": ..., "free": ...} from `sysctl vm.swapusage`."""
    return {key: to_bytes(value) for key, value in re.findall(r"(total|used|free) = ([\d.]+[BKMGT])", text)}


def boot_time(text):
    """Seconds since the epoch from `sysctl -n kern.boottime` ({ sec = 1, usec = 2 } ...)."""
    match = re.search(r"sec = (\d+), usec = (\d+)", text)
    return int(match.group(1)) + int(match.group(2)) / 1e6


def load_average(text):
    """[1m, 5m, 15m] from `sysctl -n vm.loadavg` ("{ 1.23 1.45 1.67 }")."""
    return [float(x) for x in text.strip().strip("{}").split()]


def top_cpu_usage(text):
    """(user, sys, idle) percentages of the LAST sample of `top -l N` (the first one is
    measured from boot, so only a later one covers the sampling interval)."""
    samples = re.findall(r"CPU usage: ([\d.]+)% user, ([\d.]+)% sys, ([\d.]+)% idle", text)
    return tuple(float(x) for x in samples[-1])


def top_process_count(text):
    """Processes: N total ... of the last sample of `top -l N`."""
    return int(re.findall(r"Processes: (\d+) total", text)[-1])


def netstat_interfaces(text):
    """{name: {"ipkts", "ierrs", "ibytes", "opkts", "oerrs", "obytes"}} from `netstat -ibn`:
    the <Link#N> row of each interface (the others repeat it per address). A Link row has no
    Address for an interface without a hardware address (lo0, utun0), so fields are taken
    from the right. A trailing '*' (interface down) is not part of the name."""
    interfaces = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 10 or not fields[2].startswith("<Link#"):
            continue
        ipkts, ierrs, ibytes, opkts, oerrs, obytes = (int(x) for x in fields[-7:-1])
        interfaces[fields[0].rstrip("*")] = {"ipkts": ipkts, "ierrs": ierrs, "ibytes": ibytes,
                                             "opkts": opkts, "oerrs": oerrs, "obytes": obytes}
    return interfaces


def iostat_total_megabytes(text):
    """{disk: MB transferred since boot} from `iostat -Id` (KB/t, xfrs, MB per disk; MB is
    MiB, printed with two decimals)."""
    lines = [line for line in text.splitlines() if line.strip()]
    disks = lines[0].split()
    values = lines[-1].split()
    assert len(values) == 3 * len(disks), f"iostat: {len(disks)} disks but {len(values)} values"
    return {disk: float(values[3 * i + 2]) for i, disk in enumerate(disks)}


DF_LINE = re.compile(r"^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(\d+)\s+(\d+)\s+(\d+)%\s+(/.*)$")


def df_kilobytes(text):
    """{mount point: {"device", "blocks", "used", "available"}} in KiB from `df -k` (macOS:
    with iused/ifree columns). Device and mount point may contain spaces."""
    mounts = {}
    for line in text.splitlines()[1:]:
        match = DF_LINE.match(line)
        if match:
            mounts[match.group(9)] = {"device": match.group(1), "blocks": int(match.group(2)),
                                      "used": int(match.group(3)), "available": int(match.group(4))}
    return mounts


def ps_processes(text):
    """[(comm, pid, state)] from `ps -axo comm,pid,state`; comm may contain spaces (the
    executable's path), so pid and state are taken from the right."""
    rows = []
    for line in text.splitlines()[1:]:
        match = re.match(r"^(.*\S)\s+(\d+)\s+(\S+)$", line.rstrip())
        if match:
            rows.append((match.group(1), int(match.group(2)), match.group(3)))
    return rows


def ps_state_name(stat):
    """host_processes' state for ps's STAT letter (ps(1) on macOS: R runnable, U
    uninterruptible, S sleeping < 20 s, I idle, T stopped, Z zombie)."""
    return {"R": "running", "U": "disk-sleep", "S": "sleeping", "I": "idle", "T": "stopped",
            "Z": "zombie"}.get(stat[:1], "unknown")


def ioreg_cluster_types(text):
    """{cpu number: "E" or "P"} from `ioreg -p IODeviceTree -n cpus -r -l`: each `cpuN@...` node
    and its "cluster-type" property (hwloc #454: on an M1, cpu0-3 are E, cpu4-7 P). Empty in a
    VM whose device tree has no cluster types."""
    types, cpu = {}, None
    for line in text.splitlines():
        node = re.search(r"\+-o cpu(\d+)@", line)
        if node:
            cpu = int(node.group(1))
            continue
        cluster = re.search(r'"cluster-type" = <"([A-Z])">', line)
        if cluster and cpu is not None:
            types[cpu] = cluster.group(1)
    return types
