// Ways out of the process for the default registry: exposition text, an atomic
// textfile, a push, an in-process /metrics server; and the parser, to read text back.
// Blocking calls release the GIL: none of them touches a Python object meanwhile.

#include <pybind11/stl.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <variant>
#include <vector>

#include "bindings.hpp"
#include "exposition/format.hpp"
#include "exposition/text_parser.hpp"
#include "host_exporter/app_identity.hpp"
#include "host_exporter/exposer.hpp"
#include "host_exporter/pusher.hpp"
#include "host_exporter/registry.hpp"
#include "host_exporter/textfile_writer.hpp"

namespace py = pybind11;

namespace host_exporter::python {

namespace {

using Sample = std::tuple<std::string, std::map<std::string, std::string>, double>;

std::map<std::string, std::string> labels_of(const std::string& text) {
  std::map<std::string, std::string> labels;
  if (auto pairs = parse_label_text(text)) {
    for (auto& [name, value] : *pairs) labels[name] = value;
  }
  return labels;
}

std::string number_text(double value) {
  std::string text;
  exposition::append_double(text, value);
  return text;
}

// One (name, labels, value) per sample line, histograms and summaries expanded.
std::vector<Sample> parse_samples(const std::string& text) {
  auto parsed = exposition::parse_text(text);
  if (auto* error = std::get_if<exposition::ParseError>(&parsed)) throw std::invalid_argument(error->message());
  std::vector<Sample> samples;
  for (const auto& family : std::get<std::vector<MetricFamily>>(parsed)) {
    for (const auto& series : family.series) {
      auto labels = labels_of(series.labels);
      if (const auto* scalar = std::get_if<double>(&series.value)) {
        samples.emplace_back(family.name, labels, *scalar);
      } else if (const auto* histogram = std::get_if<HistogramValue>(&series.value)) {
        for (const auto& [bound, count] : histogram->buckets) {
          auto with_le = labels;
          with_le["le"] = number_text(bound);
          samples.emplace_back(family.name + "_bucket", std::move(with_le), count);
        }
        samples.emplace_back(family.name + "_sum", labels, histogram->sum);
        samples.emplace_back(family.name + "_count", labels, histogram->count);
      } else if (const auto* summary = std::get_if<SummaryValue>(&series.value)) {
        for (const auto& [quantile, value] : summary->quantiles) {
          auto with_quantile = labels;
          with_quantile["quantile"] = number_text(quantile);
          samples.emplace_back(family.name, std::move(with_quantile), value);
        }
        samples.emplace_back(family.name + "_sum", labels, summary->sum);
        samples.emplace_back(family.name + "_count", labels, summary->count);
      }
    }
  }
  return samples;
}

py::bytes generate_latest(bool openmetrics) {
  std::string text;
  {
    py::gil_scoped_release release;
    std::vector<MetricFamily> families;
    default_registry().collect(families);
    exposition::encode(families, openmetrics ? exposition::Format::kOpenMetrics100 : exposition::Format::kText004,
                       text);
  }
  return py::bytes(text);
}

void push(const std::string& url, const std::string& job, const std::map<std::string, std::string>& grouping_key,
          const std::string& method, double timeout_s) {
  Pusher pusher(url, job, GroupingLabels(grouping_key.begin(), grouping_key.end()));
  pusher.set_timeout(std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000)));
  py::gil_scoped_release release;
  if (method == "PUT") {
    pusher.push(default_registry());
  } else if (method == "POST") {
    pusher.push_add(default_registry());
  } else if (method == "DELETE") {
    pusher.remove();
  } else {
    throw std::invalid_argument("push: method must be PUT, POST or DELETE, not " + method);
  }
}

}  // namespace

void bind_outputs(py::module_& m) {
  m.def("generate_latest", &generate_latest, py::arg("openmetrics") = false,
        "The default registry in text format 0.0.4 (or OpenMetrics 1.0), as bytes.");

  m.def("parse_samples", &parse_samples, py::arg("text"),
        "Parses text format 0.0.4 strictly into (name, labels, value) samples; ValueError names the bad line.");

  m.def(
      "write_textfile",
      [](const std::string& path, bool create_directory, const std::map<std::string, std::string>& labels,
         bool mark_writer) {
        TextfileOptions options;
        options.create_directory = create_directory;
        options.labels.assign(labels.begin(), labels.end());
        options.mark_writer = mark_writer;
        py::gil_scoped_release release;
        write_textfile(path, default_registry(), options);
      },
      py::arg("path"), py::arg("create_directory") = false,
      py::arg("labels") = std::map<std::string, std::string>{}, py::arg("mark_writer") = false,
      "Writes the default registry to `path` (must end in .prom) atomically: temporary file, fsync, rename. "
      "`labels` are added to every series without them; `mark_writer` names this process in a first comment "
      "line, so that the exporter leaves the file out once the process is gone.");

  m.def(
      "set_app_identity",
      [](const std::string& program, const std::string& job, const std::string& instance) {
        AppIdentity identity;
        try {
          identity = set_app_identity(make_app_identity(program, job, instance));
        } catch (const std::logic_error& e) {
          throw py::value_error(e.what());
        }
        return py::make_tuple(identity.job, identity.instance, identity_file_stem(identity));
      },
      py::arg("program"), py::arg("job") = "", py::arg("instance") = "",
      "Sets this process's identity once (ValueError for a different second one); "
      "returns (job, instance label, textfile stem).");
  m.def("default_textfile_directory", &default_textfile_directory);
  m.def("default_textfile_path", [](const std::string& job) { return default_textfile_path(job); }, py::arg("job"));

  static py::exception<PushError> push_error(m, "PushError", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const PushError& e) {
      // The message, with the HTTP status and the server's reason as attributes.
      py::object error = py::reinterpret_borrow<py::object>(push_error.ptr())(e.what());
      error.attr("status") = e.status();
      error.attr("reason") = e.reason();
      PyErr_SetObject(push_error.ptr(), error.ptr());
    } catch (const std::system_error& e) {
      // A failed file operation is an OSError in Python, with its errno.
      py::object error = py::reinterpret_borrow<py::object>(PyExc_OSError)(e.code().value(), e.what());
      PyErr_SetObject(PyExc_OSError, error.ptr());
    }
  });
  m.def("push", &push, py::arg("url"), py::arg("job"),
        py::arg("grouping_key") = std::map<std::string, std::string>{}, py::arg("method") = "PUT",
        py::arg("timeout") = 10.0,
        "Pushes the default registry to <url>/metrics/job/<job>{/<label>/<value>} (PUT replaces the group, "
        "POST the pushed families, DELETE removes it). Raises PushError with .status and .reason.");

  py::class_<Exposer, std::shared_ptr<Exposer>>(m, "Exposer", "An in-process /metrics server.")
      .def_property_readonly("port", &Exposer::port)
      .def_property_readonly("host", &Exposer::host)
      .def("stop", &Exposer::stop, py::call_guard<py::gil_scoped_release>());
  m.def(
      "start_http_server",
      [](int port, const std::string& addr) {
        py::gil_scoped_release release;
        return Exposer::start(default_registry(), port, addr);
      },
      py::arg("port"), py::arg("addr") = "127.0.0.1",
      "Serves the default registry on http://addr:port/metrics. Idempotent per address in a process: "
      "a second call returns the running server. Port 0 picks a free port (see .port).");
}

}  // namespace host_exporter::python
