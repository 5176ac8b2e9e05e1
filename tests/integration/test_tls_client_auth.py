#!/usr/bin/env python3
"""Client certificates and protocol settings of the web config (tls_server_config), end to end:
a real CA, client certificates signed by it and one that is not, each client_auth_type, the
SAN allow-list, min_version and cipher_suites, and a client CA file replaced while serving.

Usage: test_tls_client_auth.py /path/to/host_exporter   (needs the openssl command)
"""

import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

import test_server
from test_server import Exporter, http

OPENSSL = shutil.which("openssl")


def openssl(*args):
    subprocess.run([OPENSSL, *args], check=True, capture_output=True, timeout=60)


class Pki:
    """A CA, the server's pair, a client signed by the CA (SAN scraper.test) and a self-signed client."""

    def __init__(self, folder):
        self.folder = folder
        self.ca_key, self.ca = self.path("ca.key"), self.path("ca.crt")
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", self.ca_key,
                "-out", self.ca, "-subj", "/CN=test CA")
        self.server = self.self_signed("server", "IP:127.0.0.1")
        self.client = self.signed_by_ca("client", "DNS:scraper.test,IP:127.0.0.2")
        self.other_client = self.signed_by_ca("other", "DNS:someone.else")
        self.stranger = self.self_signed("stranger", "DNS:scraper.test")

    def path(self, name):
        return os.path.join(self.folder, name)

    def self_signed(self, name, san):
        key, cert = self.path(name + ".key"), self.path(name + ".crt")
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", key, "-out", cert,
                "-subj", f"/CN={name}", "-addext", f"subjectAltName={san}")
        return cert, key

    def signed_by_ca(self, name, san):
        key, csr, cert = self.path(name + ".key"), self.path(name + ".csr"), self.path(name + ".crt")
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", f"/CN={name}")
        extensions = self.path(name + ".ext")
        with open(extensions, "w") as f:
            f.write(f"subjectAltName={san}\nextendedKeyUsage=clientAuth\n")
        openssl("x509", "-req", "-in", csr, "-CA", self.ca, "-CAkey", self.ca_key, "-CAcreateserial", "-days", "1",
                "-out", cert, "-extfile", extensions)
        return cert, key

    def context(self, client=None, maximum=None, ciphers=None):
        context = ssl.create_default_context(cafile=self.server[0])
        if client:
            context.load_cert_chain(*client)
        if maximum:
            context.maximum_version = maximum
        if ciphers:
            context.maximum_version = ssl.TLSVersion.TLSv1_2
            context.set_ciphers(ciphers)
        return context


@unittest.skipUnless(OPENSSL, "the openssl command is not installed")
class ClientCertificates(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.pki = Pki(cls.folder.name)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def serve(self, tls_lines, ready_client="client"):
        config = self.pki.path("web.yml")
        with open(config, "w") as f:
            f.write("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + tls_lines)
        ready = {"client": self.pki.client, "none": None}[ready_client]
        exporter = Exporter([f"--web.config.file={config}"], scheme="https", context=self.pki.context(ready))
        self.addCleanup(exporter.close)
        return exporter

    def status(self, exporter, client=None, **options):
        """200 when served; "refused" when the TLS handshake or the connection fails."""
        try:
            return http(exporter.url + "/metrics", context=self.pki.context(client, **options), timeout=5)[0]
        except (ssl.SSLError, OSError):
            return "refused"

    def test_require_and_verify(self):
        exporter = self.serve("  client_ca_file: ca.crt\n  client_auth_type: RequireAndVerifyClientCert\n")
        self.assertEqual(self.status(exporter, self.pki.client), 200)
        self.assertEqual(self.status(exporter, None), "refused")
        self.assertEqual(self.status(exporter, self.pki.stranger), "refused")

    def test_verify_if_given(self):
        exporter = self.serve("  client_ca_file: ca.crt\n  client_auth_type: VerifyClientCertIfGiven\n")
        self.assertEqual(self.status(exporter, None), 200)
        self.assertEqual(self.status(exporter, self.pki.client), 200)
        self.assertEqual(self.status(exporter, self.pki.stranger), "refused")

    def test_require_any_takes_an_unverified_certificate(self):
        exporter = self.serve("  client_auth_type: RequireAnyClientCert\n")
        self.assertEqual(self.status(exporter, self.pki.stranger), 200)
        self.assertEqual(self.status(exporter, None), "refused")

    def test_request_asks_but_needs_nothing(self):
        exporter = self.serve("  client_auth_type: RequestClientCert\n", ready_client="none")
        self.assertEqual(self.status(exporter, None), 200)
        self.assertEqual(self.status(exporter, self.pki.stranger), 200)

    def test_allowed_sans(self):
        exporter = self.serve("  client_ca_file: ca.crt\n  client_auth_type: RequireAndVerifyClientCert\n"
                              "  client_allowed_sans: [127.0.0.2]\n")
        self.assertEqual(self.status(exporter, self.pki.client), 200)
        self.assertEqual(self.status(exporter, self.pki.other_client), "refused")

    def test_min_version_and_cipher_suites(self):
        exporter = self.serve("  min_version: TLS13\n", ready_client="none")
        self.assertEqual(self.status(exporter, None), 200)
        self.assertEqual(self.status(exporter, None, maximum=ssl.TLSVersion.TLSv1_2), "refused")
        exporter = self.serve("  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n", ready_client="none")
        self.assertEqual(self.status(exporter, None, ciphers="ECDHE-RSA-AES256-GCM-SHA384"), 200)
        self.assertEqual(self.status(exporter, None, ciphers="ECDHE-RSA-AES128-GCM-SHA256"), "refused")

    def test_a_replaced_client_ca_is_used_from_the_next_connection(self):
        shutil.copy(self.pki.ca, self.pki.path("trusted.crt"))
        exporter = self.serve("  client_ca_file: trusted.crt\n  client_auth_type: RequireAndVerifyClientCert\n")
        self.assertEqual(self.status(exporter, self.pki.client), 200)
        self.assertEqual(self.status(exporter, self.pki.stranger), "refused")
        # Trust the stranger's self-signed certificate instead of the CA.
        time.sleep(1.1)  # the server looks at the files at most once a second
        shutil.copy(self.pki.stranger[0], self.pki.path("trusted.crt.new"))
        os.replace(self.pki.path("trusted.crt.new"), self.pki.path("trusted.crt"))
        deadline = time.monotonic() + 10
        while self.status(exporter, self.pki.stranger) != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertEqual(self.status(exporter, self.pki.stranger), 200)
        self.assertEqual(self.status(exporter, self.pki.client), "refused")

    def test_a_client_ca_file_without_certificates_stops_the_start(self):
        with open(self.pki.path("empty.crt"), "w") as f:
            f.write("not a certificate\n")
        config = self.pki.path("bad.yml")
        with open(config, "w") as f:
            f.write("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                    "  client_ca_file: empty.crt\n  client_auth_type: RequireAndVerifyClientCert\n")
        result = test_server.run([f"--web.config.file={config}", "--web.listen-address=127.0.0.1:1"], timeout=20)
        self.assertEqual(result.returncode, 1)
        self.assertIn("empty.crt", result.stderr.decode())


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_tls_client_auth.py /path/to/host_exporter")
    test_server.BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
