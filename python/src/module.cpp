// _host_exporter: the compiled half of the host_exporter Python package. The
// package's pure-Python modules (host_exporter/__init__.py, rag.py) build on it.

#include "bindings.hpp"

PYBIND11_MODULE(_host_exporter, m) {
  m.doc() = "host_exporter's C++ metrics library: lock-free counters and histograms, "
            "exposition, textfile export, push and an in-process /metrics server.";
  host_exporter::python::bind_metrics(m);
  host_exporter::python::bind_outputs(m);
}
