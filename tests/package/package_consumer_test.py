#!/usr/bin/env python3
"""find_package(host_exporter) from an installed tree: installs the library component of the
build into <build>/package-test/install, builds tests/package/consumer against it (nothing from
the source tree), runs its two programs and checks what they serve, print and write.

Arguments: <build dir> <cmake> <c++ compiler> <generator>
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.request

BUILD, CMAKE, CXX, GENERATOR = sys.argv[1:5]
HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(BUILD, "package-test")
PREFIX = os.path.join(WORK, "install")
CONSUMER_BUILD = os.path.join(WORK, "consumer")
TEXT_ACCEPT = "text/plain"
OPENMETRICS_ACCEPT = "application/openmetrics-text;version=1.0.0"
CREATED = r"[0-9]{10}(\.[0-9]+)?"


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def fetch(port, accept):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["Content-Type"], response.read().decode()


class InstalledPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(WORK, ignore_errors=True)
        run([CMAKE, "--install", BUILD, "--prefix", PREFIX, "--component", "library"])
        run([CMAKE, "-S", os.path.join(HERE, "consumer"), "-B", CONSUMER_BUILD, "-G", GENERATOR,
             f"-DCMAKE_CXX_COMPILER={CXX}", f"-DCMAKE_PREFIX_PATH={PREFIX}", "-DCMAKE_BUILD_TYPE=Release"])
        run([CMAKE, "--build", CONSUMER_BUILD, "--parallel", "2"])

    def test_installs_two_archives_public_headers_and_the_config(self):
        libdirs = [d for d in ("lib", "lib64") if os.path.isdir(os.path.join(PREFIX, d))]
        self.assertEqual(len(libdirs), 1, os.listdir(PREFIX))
        lib = os.path.join(PREFIX, libdirs[0])
        self.assertEqual(sorted(f for f in os.listdir(lib) if f.endswith(".a")),
                         ["libhost_exporter_client.a", "libhost_exporter_core.a"])
        config = os.listdir(os.path.join(lib, "cmake", "host_exporter"))
        for name in ("host_exporterConfig.cmake", "host_exporterConfigVersion.cmake", "host_exporterTargets.cmake"):
            self.assertIn(name, config)
        self.assertEqual(os.listdir(os.path.join(PREFIX, "include")), ["host_exporter"])
        for header in os.listdir(os.path.join(PREFIX, "include", "host_exporter")):
            with open(os.path.join(PREFIX, "include", "host_exporter", header)) as f:
                for line in f:
                    if line.startswith("#include \""):
                        self.assertTrue(line.startswith("#include \"host_exporter/"), f"{header}: {line}")

    def test_the_program_is_not_part_of_the_library_component(self):
        self.assertFalse(os.path.exists(os.path.join(PREFIX, "bin")))

    def test_the_core_alone_encodes_text_and_openmetrics(self):
        program = os.path.join(CONSUMER_BUILD, "core_app")
        text = run([program, "text"])
        self.assertEqual(text,
                         "# HELP consumer_jobs_total Jobs done.\n"
                         "# TYPE consumer_jobs_total counter\n"
                         "consumer_jobs_total{kind=\"core\"} 3\n"
                         "# HELP consumer_queue_depth Items waiting.\n"
                         "# TYPE consumer_queue_depth gauge\n"
                         "consumer_queue_depth{queue=\"mail\"} 4\n")
        openmetrics = run([program, "openmetrics"])
        self.assertRegex(openmetrics,
                         "^# HELP consumer_jobs Jobs done.\n"
                         "# TYPE consumer_jobs counter\n"
                         "consumer_jobs_total\\{kind=\"core\"\\} 3\n"
                         f"consumer_jobs_created\\{{kind=\"core\"\\}} {CREATED}\n"
                         "# HELP consumer_queue_depth Items waiting.\n"
                         "# TYPE consumer_queue_depth gauge\n"
                         "consumer_queue_depth\\{queue=\"mail\"\\} 4\n"
                         "# EOF\n$")

    def test_the_client_serves_and_writes_a_textfile(self):
        with tempfile.TemporaryDirectory() as directory:
            textfile = os.path.join(directory, "consumer.prom")
            program = subprocess.Popen([os.path.join(CONSUMER_BUILD, "client_app"), textfile],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            try:
                line = program.stdout.readline()
                match = re.fullmatch(r"port (\d+)\n", line)
                self.assertIsNotNone(match, line)
                port = int(match.group(1))

                content_type, text = fetch(port, TEXT_ACCEPT)
                self.assertTrue(content_type.startswith("text/plain; version=0.0.4"), content_type)
                self.assertIn("consumer_requests_total{code=\"200\"} 5\n", text)
                self.assertIn("consumer_temperature_celsius 21.5\n", text)
                self.assertNotIn("_created", text)

                content_type, openmetrics = fetch(port, OPENMETRICS_ACCEPT)
                self.assertTrue(content_type.startswith("application/openmetrics-text; version=1.0.0"), content_type)
                self.assertRegex(openmetrics, "# TYPE consumer_requests counter\n"
                                              "consumer_requests_total\\{code=\"200\"\\} 5\n"
                                              f"consumer_requests_created\\{{code=\"200\"\\}} {CREATED}\n")
                self.assertTrue(openmetrics.endswith("# EOF\n"), openmetrics)
            finally:
                program.stdin.close()
                self.assertEqual(program.wait(timeout=30), 0)
                program.stdout.close()
            with open(textfile) as f:
                written = f.read()
            self.assertIn("consumer_requests_total{code=\"200\"} 5\n", written)
            self.assertNotIn("_created", written)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
