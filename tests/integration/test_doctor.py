#!/usr/bin/env python3
"""`host_exporter doctor --format=json` against each environment fixture root.

Every fixture is classified as the unit test says, the verdicts follow (fail and
exit code 1 inside a container or Docker Desktop's VM, 0 elsewhere), and the
text format prints a verdict and a fix per check.

Usage: test_doctor.py --binary path/to/host_exporter --fixtures tests/fixtures
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

BINARY = None
FIXTURES = None

# fixture -> (virtualization, container, docker_desktop, measures_host)
EXPECTED = {
    "bare-metal": ("none", "none", False, True),
    "kvm-guest": ("kvm", "none", False, True),
    "docker-container": ("vm-other", "docker", False, False),
    "podman-container": ("none", "podman", False, False),
    "docker-desktop-linuxkit": ("apple", "none", True, False),
    "wsl2": ("wsl", "none", False, True),
    "kubernetes-pod": ("vm-other", "kubernetes", False, False),
}


def doctor(fixture, *extra, textfile=None, fmt="json"):
    root = os.path.join(FIXTURES, "environments", fixture)
    args = [BINARY, "doctor", "--format=" + fmt,
            "--path.procfs=" + os.path.join(root, "proc"),
            "--path.sysfs=" + os.path.join(root, "sys"),
            "--path.rootfs=" + os.path.join(root, "root")]
    if textfile is not None:
        args.append("--collector.textfile.directory=" + textfile)
    args += list(extra)
    env = {k: v for k, v in os.environ.items() if k not in ("KUBERNETES_SERVICE_HOST", "container")}
    result = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
    return result


class DoctorOnThisMachine(unittest.TestCase):
    def test_permission_check_tells_not_root_from_kernel_owned_links(self):
        # Issue 17: as root, doctor said "cannot look into 1 processes of other users ... Run as root".
        result = subprocess.run([BINARY, "doctor", "--format=json"], capture_output=True, text=True, timeout=60)
        self.assertIn(result.returncode, (0, 1), result.stderr)
        check = {c["name"]: c for c in json.loads(result.stdout)["checks"]}["process-permissions"]
        if os.geteuid() == 0:
            self.assertNotIn("Run as root", check["fix"])
            self.assertEqual(check["verdict"], "ok", check)
            if "refuses" in check["summary"]:
                self.assertIn("running as root", check["summary"])
        elif check["verdict"] != "ok":
            self.assertIn("not running as root", check["summary"])
            self.assertIn("Run as root", check["fix"])


class DoctorOnFixtures(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.textfile = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def report(self, fixture, *extra):
        result = doctor(fixture, *extra, textfile=self.textfile)
        self.assertIn(result.returncode, (0, 1), result.stderr)
        return result.returncode, json.loads(result.stdout)

    def test_every_fixture_is_classified(self):
        for fixture, (virt, container, desktop, host) in EXPECTED.items():
            with self.subTest(fixture=fixture):
                code, report = self.report(fixture)
                env = report["environment"]
                self.assertEqual(env["virtualization"], virt)
                self.assertEqual(env["container"], container)
                self.assertEqual(env["docker_desktop"], desktop)
                self.assertEqual(env["measures_host"], host)
                self.assertTrue(env["evidence"] or fixture == "bare-metal")
                checks = {c["name"]: c for c in report["checks"]}
                self.assertEqual(set(checks), {"environment", "host-numbers", "listen-address",
                                               "textfile-directory", "process-permissions"})
                for check in report["checks"]:
                    self.assertIn(check["verdict"], ("ok", "warn", "fail"))
                    if check["verdict"] != "ok":
                        self.assertTrue(check["fix"] or check["name"] == "host-numbers", check)
                self.assertEqual(checks["environment"]["verdict"] == "fail", not host)
                self.assertEqual(report["ok"], code == 0)
                self.assertEqual(code, 0 if host else 1)

    def test_docker_desktop_says_the_numbers_are_the_vms(self):
        code, report = self.report("docker-desktop-linuxkit")
        self.assertEqual(code, 1)
        numbers = next(c for c in report["checks"] if c["name"] == "host-numbers")
        self.assertEqual(numbers["verdict"], "fail")
        self.assertIn("7.7 GiB", numbers["summary"])
        self.assertIn("8 CPUs", numbers["summary"])
        self.assertIn("natively", numbers["fix"])
        self.assertIn("6.10.14-linuxkit", report["environment"]["kernel_release"])

    def test_docker0_needs_a_listen_address_on_the_bridge(self):
        _, report = self.report("bare-metal")
        listen = next(c for c in report["checks"] if c["name"] == "listen-address")
        self.assertEqual(listen["verdict"], "warn")
        self.assertIn("host-gateway", listen["fix"])
        _, report = self.report("bare-metal", "--web.listen-address=:9101")
        listen = next(c for c in report["checks"] if c["name"] == "listen-address")
        self.assertEqual(listen["verdict"], "ok")
        _, report = self.report("kvm-guest")  # no docker0 there
        listen = next(c for c in report["checks"] if c["name"] == "listen-address")
        self.assertEqual(listen["verdict"], "ok")

    def test_missing_textfile_directory_fails(self):
        result = doctor("bare-metal", textfile=os.path.join(self.textfile, "missing"))
        self.assertEqual(result.returncode, 1)
        report = json.loads(result.stdout)
        textfile = next(c for c in report["checks"] if c["name"] == "textfile-directory")
        self.assertEqual(textfile["verdict"], "fail")
        self.assertIn("mkdir -p", textfile["fix"])

    def test_text_format_prints_verdicts_and_fixes(self):
        result = doctor("podman-container", textfile=self.textfile, fmt="text")
        self.assertEqual(result.returncode, 1)
        self.assertIn("[fail] environment: running in a podman container", result.stdout)
        self.assertIn("fix:", result.stdout)
        self.assertIn("seen:", result.stdout)


def main():
    global BINARY, FIXTURES
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--fixtures", required=True)
    args, rest = parser.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    FIXTURES = os.path.abspath(args.fixtures)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
