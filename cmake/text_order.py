"""The functions a serving host_exporter runs, for lld's --symbol-ordering-file (cmake/TextOrder.cmake).

Linux maps a program's code into memory 64 KiB around each page it faults on (fault-around), so the
resident set of a static program is set by how many 64 KiB blocks its hot functions are spread over,
not by their size. This script starts the program built without an ordering under valgrind's callgrind,
with its default collectors and an empty textfile directory, counting only inside the threads that serve
(the event loop, the HTTP workers, the sampler, the textfile deadline worker): start-up is left out, its
pages are given back once serving (platform/startup_pages.hpp). It scrapes /metrics as Prometheus does
(text, gzip, OpenMetrics, on new and kept-alive connections), lets the sampler tick, stops the program
and writes every function that ran: the program's own and its libraries', named as in the program's
objects. Placed together, they fill a few blocks.

  text_order.py profile --binary B --valgrind V --output ORDER
  text_order.py check --binary B --order ORDER --nm NM

`check` fails the build when the ordered program no longer holds most of the listed functions
(their names changed format, or the list was made from another program).
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

SCRAPES = 12
SAMPLER_SECONDS = 4.5  # two ticks of the default 2 s sampler window
NAME = re.compile(r"^[A-Za-z_.$][A-Za-z0-9_.$@]*$")  # a linkable name: not "(below main)" or an address


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port, headers, path="/metrics"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def scrape_kept_alive(port, count):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(count):
        connection.request("GET", "/metrics")
        connection.getresponse().read()
    connection.close()


def wait_until_serving(port, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"text_order: the program exited with {process.returncode} under callgrind")
        try:
            return fetch(port, {}, "/-/ready")
        except OSError:
            time.sleep(0.2)
    sys.exit(f"text_order: the program did not serve within {seconds} s under callgrind")


def functions_run(dump):
    """Names of the functions with cost in a callgrind dump (name compression: '(id) name' once)."""
    names, ran = {}, set()
    entry = re.compile(r"^(c?fn)=\((\d+)\)(?: (.*))?$")
    with open(dump) as lines:
        for line in lines:
            match = entry.match(line.rstrip("\n"))
            if not match:
                continue
            kind, number, name = match.groups()
            if name:
                names[number] = re.sub(r"'\d+$", "", name)  # callgrind's recursion-depth suffix
            if kind == "fn":
                ran.add(number)
    return sorted({names[n] for n in ran if n in names and NAME.match(names[n])})


# Where the serving threads start (callgrind counts from entering one of them until it returns).
THREAD_ENTRIES = [
    "event_base_loop",
    "_ZN13host_exporter6server10WorkerPool3run*",
    "_ZN13host_exporter10collectors7Sampler3run*",
    "_ZN13host_exporter10collectors12DeadlineCall10run_worker*",
]


def profile(args):
    work = tempfile.mkdtemp(prefix="hx-text-order-")
    textfile = os.path.join(work, "textfile")
    os.mkdir(textfile)
    dump = os.path.join(work, "callgrind.out")
    port = free_port()
    command = [args.valgrind, "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={dump}",
               "--collect-atstart=no"] + [f"--toggle-collect={entry}" for entry in THREAD_ENTRIES] + [
               args.binary, f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
               f"--collector.textfile.directory={textfile}"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(work, "valgrind.log"), "w"))
    try:
        wait_until_serving(port, process, 120)
        for i in range(SCRAPES):
            headers = [{}, {"Accept-Encoding": "gzip"},
                       {"Accept": "application/openmetrics-text;version=1.0.0", "Accept-Encoding": "gzip"}][i % 3]
            fetch(port, headers)
        scrape_kept_alive(port, SCRAPES)
        time.sleep(SAMPLER_SECONDS)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
    if not os.path.exists(dump):
        sys.exit(f"text_order: callgrind wrote no profile (see {work}/valgrind.log)")
    names = functions_run(dump)
    if len(names) < 100:
        sys.exit(f"text_order: only {len(names)} functions ran while serving (see {work}); expected hundreds")
    with open(args.output, "w") as out:
        out.write("\n".join(names) + "\n")
    print(f"text_order: {len(names)} functions ran while serving -> {args.output}")
    shutil.rmtree(work, ignore_errors=True)


def check(args):
    listed = [line.strip() for line in open(args.order) if line.strip()]
    symbols = subprocess.run([args.nm, "--defined-only", args.binary], check=True, capture_output=True,
                             text=True).stdout
    present = {line.split()[-1] for line in symbols.splitlines() if line.split()}
    found = sum(1 for name in listed if name in present)
    if found < 0.9 * len(listed):
        sys.exit(f"text_order: only {found} of the {len(listed)} ordered functions are in {args.binary}: "
                 "the ordering no longer matches the program")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("profile")
    run.add_argument("--binary", required=True)
    run.add_argument("--valgrind", required=True)
    run.add_argument("--output", required=True)
    verify = commands.add_parser("check")
    verify.add_argument("--binary", required=True)
    verify.add_argument("--order", required=True)
    verify.add_argument("--nm", required=True)
    args = parser.parse_args()
    profile(args) if args.command == "profile" else check(args)


if __name__ == "__main__":
    main()
