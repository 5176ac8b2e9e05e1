#pragma once
// The parts of the _host_exporter extension module, one per area.

#include <pybind11/pybind11.h>

namespace host_exporter::python {

void bind_metrics(pybind11::module_& m);  // Counter, Gauge, Histogram, Timer
void bind_outputs(pybind11::module_& m);  // exposition, textfile, push, in-process server

}  // namespace host_exporter::python
