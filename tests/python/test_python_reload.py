"""Code re-run in one process, as Streamlit does on every interaction: one server and
one set of metrics, however often the code runs."""

import importlib
import os
import runpy
import shutil
import sys
import tempfile
import textwrap
import unittest

import host_exporter
import host_exporter.rag
from host_exporter.rag import get_metrics

from exporter_process import http_get, value

USER_CODE = textwrap.dedent(
    """
    from host_exporter import Counter
    from host_exporter.rag import get_metrics

    metrics = get_metrics()
    PORT = metrics.serve(port=0)
    page_views = Counter("app_page_views_total", "Page views.")
    page_views.inc()
    metrics.record_cache_hit()
    """
)


class ReloadTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="hx_reload_")
        self.addCleanup(shutil.rmtree, self.workdir, True)
        with open(os.path.join(self.workdir, "hx_user_app.py"), "w") as f:
            f.write(USER_CODE)
        sys.path.insert(0, self.workdir)
        self.addCleanup(sys.path.remove, self.workdir)

    def scrape(self, port):
        return http_get("http://127.0.0.1:%d/metrics" % port)[2].decode()

    def test_reloading_the_user_module_keeps_one_server_and_one_set_of_metrics(self):
        before = value(host_exporter.generate_latest().decode(), "rag_cache_hits_total") or 0
        module = importlib.import_module("hx_user_app")
        first_metrics, port = module.metrics, module.PORT
        for _ in range(2):
            module = importlib.reload(module)
            self.assertIs(module.metrics, first_metrics)
            self.assertEqual(module.PORT, port)
        text = self.scrape(port)
        self.assertEqual(value(text, "rag_cache_hits_total") - before, 3)
        self.assertEqual(value(text, "app_page_views_total"), 3)

    def test_rerunning_the_script_and_reloading_the_package_keep_the_singleton(self):
        script = os.path.join(self.workdir, "hx_user_app.py")
        first = runpy.run_path(script, run_name="__main__")  # Streamlit's way: a fresh namespace each run
        second = runpy.run_path(script, run_name="__main__")
        self.assertIs(first["metrics"], second["metrics"])
        self.assertEqual(first["PORT"], second["PORT"])
        importlib.reload(host_exporter.rag)
        self.assertIs(host_exporter.rag.get_metrics(), first["metrics"])
        self.assertIs(get_metrics(), first["metrics"])


if __name__ == "__main__":
    unittest.main()
