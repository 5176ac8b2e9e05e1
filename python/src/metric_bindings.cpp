// Counter, Gauge and Histogram over the process's default registry.
//
// Constructing one is get-or-create, as in the C++ registry: the same name, type and
// label names (and buckets) give back the same metric, which is what code run twice in
// one process needs (a Streamlit re-run, importlib.reload). A mismatch raises
// ValueError with the registry's message (pybind11 maps std::invalid_argument).
//
// Python objects hold plain pointers: the default registry, and every family and
// child in it, lives as long as the process.

#include <pybind11/stl.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "host_exporter/registry.hpp"
#include "host_exporter/timer.hpp"

namespace py = pybind11;

namespace host_exporter::python {

namespace {

// Label values from labels("a", "b") or labels(method="a", code="b").
std::vector<std::string> label_values(const std::vector<std::string>& names, const py::args& args,
                                      const py::kwargs& kwargs) {
  if (args.size() > 0 && kwargs.size() > 0) throw std::invalid_argument("labels(): give values or keywords, not both");
  std::vector<std::string> values;
  values.reserve(names.size());
  if (kwargs.size() == 0) {
    for (const auto& value : args) values.push_back(py::str(value));
    return values;
  }
  if (kwargs.size() != names.size()) {
    throw std::invalid_argument("labels(): expected " + std::to_string(names.size()) + " label values");
  }
  for (const auto& name : names) {
    if (!kwargs.contains(name.c_str())) throw std::invalid_argument("labels(): missing label '" + name + "'");
    values.push_back(py::str(kwargs[name.c_str()]));
  }
  return values;
}

template <class T>
T* only_child(Family<T>& family) {
  return family.label_names().empty() ? &family.get() : nullptr;
}

template <class T>
T& need_child(T* child, const Family<T>& family) {
  if (child == nullptr) {
    throw std::invalid_argument("metric '" + family.name() + "' has label names: use labels(...) to pick a series");
  }
  return *child;
}

struct PyCounter {
  Family<Counter>* family;
  Counter* child;  // the only child of a family without labels, else null
};
struct PyGauge {
  Family<Gauge>* family;
  Gauge* child;
};
struct PyHistogram {
  Family<Histogram>* family;
  Histogram* child;
};
struct CounterChild {
  Counter* metric;
};
struct GaugeChild {
  Gauge* metric;
};
struct HistogramChild {
  Histogram* metric;
};

// A context manager timing a block; records on __exit__, told apart by whether an
// exception left the block (Python's, not C++'s, so std::uncaught_exceptions is no use).
class PyTimer {
 public:
  explicit PyTimer(TimerTargets targets) : targets_(targets), start_(std::chrono::steady_clock::now()) {}
  PyTimer& enter() {
    start_ = std::chrono::steady_clock::now();
    return *this;
  }
  void exit(const py::object& exc_type) {
    record_timed_scope(targets_, elapsed(), !exc_type.is_none());
  }
  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  TimerTargets targets_;
  std::chrono::steady_clock::time_point start_;
};

Histogram* histogram_of(const py::object& object) {
  if (object.is_none()) return nullptr;
  if (py::isinstance<HistogramChild>(object)) return object.cast<HistogramChild&>().metric;
  auto& histogram = object.cast<PyHistogram&>();
  return &need_child(histogram.child, *histogram.family);
}

Counter* counter_of(const py::object& object) {
  if (object.is_none()) return nullptr;
  if (py::isinstance<CounterChild>(object)) return object.cast<CounterChild&>().metric;
  auto& counter = object.cast<PyCounter&>();
  return &need_child(counter.child, *counter.family);
}

void observe_all(Histogram& histogram, const py::iterable& values) {
  for (const auto& value : values) {
    if (!value.is_none()) histogram.observe(value.cast<double>());  // a retriever may give no score
  }
}

HistogramValue snapshot_of(Histogram& histogram) { return histogram.snapshot(); }

}  // namespace

void bind_metrics(py::module_& m) {
  Registry& registry = default_registry();

  py::class_<CounterChild>(m, "CounterChild", "One labelled series of a Counter.")
      .def("inc", [](CounterChild& c, double amount) { c.metric->inc(amount); }, py::arg("amount") = 1.0)
      .def("value", [](const CounterChild& c) { return c.metric->value(); });

  py::class_<PyCounter>(m, "Counter", "A monotonically increasing count; the name must end in _total.")
      .def(py::init([&registry](const std::string& name, const std::string& documentation,
                                std::vector<std::string> labelnames) {
             Family<Counter>& family = registry.counter(name, documentation, std::move(labelnames));
             return PyCounter{&family, only_child(family)};
           }),
           py::arg("name"), py::arg("documentation") = "", py::arg("labelnames") = std::vector<std::string>{})
      .def("inc", [](PyCounter& c, double amount) { need_child(c.child, *c.family).inc(amount); },
           py::arg("amount") = 1.0)
      .def("value", [](const PyCounter& c) { return need_child(c.child, *c.family).value(); })
      .def("labels",
           [](PyCounter& c, const py::args& args, const py::kwargs& kwargs) {
             const auto values = label_values(c.family->label_names(), args, kwargs);
             return CounterChild{&c.family->labels(std::span<const std::string>(values))};
           })
      .def_property_readonly("name", [](const PyCounter& c) { return c.family->name(); })
      .def_property_readonly("labelnames", [](const PyCounter& c) { return c.family->label_names(); });

  py::class_<GaugeChild>(m, "GaugeChild", "One labelled series of a Gauge.")
      .def("set", [](GaugeChild& g, double value) { g.metric->set(value); }, py::arg("value"))
      .def("inc", [](GaugeChild& g, double amount) { g.metric->inc(amount); }, py::arg("amount") = 1.0)
      .def("dec", [](GaugeChild& g, double amount) { g.metric->dec(amount); }, py::arg("amount") = 1.0)
      .def("set_to_current_time", [](GaugeChild& g) { g.metric->set_to_current_time(); })
      .def("value", [](const GaugeChild& g) { return g.metric->value(); });

  py::class_<PyGauge>(m, "Gauge", "A value that goes up and down.")
      .def(py::init([&registry](const std::string& name, const std::string& documentation,
                                std::vector<std::string> labelnames) {
             Family<Gauge>& family = registry.gauge(name, documentation, std::move(labelnames));
             return PyGauge{&family, only_child(family)};
           }),
           py::arg("name"), py::arg("documentation") = "", py::arg("labelnames") = std::vector<std::string>{})
      .def("set", [](PyGauge& g, double value) { need_child(g.child, *g.family).set(value); }, py::arg("value"))
      .def("inc", [](PyGauge& g, double amount) { need_child(g.child, *g.family).inc(amount); },
           py::arg("amount") = 1.0)
      .def("dec", [](PyGauge& g, double amount) { need_child(g.child, *g.family).dec(amount); },
           py::arg("amount") = 1.0)
      .def("set_to_current_time", [](PyGauge& g) { need_child(g.child, *g.family).set_to_current_time(); })
      .def("value", [](const PyGauge& g) { return need_child(g.child, *g.family).value(); })
      .def("labels",
           [](PyGauge& g, const py::args& args, const py::kwargs& kwargs) {
             const auto values = label_values(g.family->label_names(), args, kwargs);
             return GaugeChild{&g.family->labels(std::span<const std::string>(values))};
           })
      .def_property_readonly("name", [](const PyGauge& g) { return g.family->name(); })
      .def_property_readonly("labelnames", [](const PyGauge& g) { return g.family->label_names(); });

  py::class_<PyTimer>(m, "Timer",
                      "Times a `with` block: observes its seconds into `duration`, counts `total`, and "
                      "`succeeded` or `failed` by whether an exception left the block. Any may be None.")
      .def(py::init([](const py::object& duration, const py::object& total, const py::object& succeeded,
                       const py::object& failed) {
             return PyTimer(TimerTargets{histogram_of(duration), counter_of(total), counter_of(succeeded),
                                         counter_of(failed)});
           }),
           py::arg("duration") = py::none(), py::arg("total") = py::none(), py::arg("succeeded") = py::none(),
           py::arg("failed") = py::none())
      .def("__enter__", &PyTimer::enter, py::return_value_policy::reference_internal)
      .def("__exit__", [](PyTimer& t, const py::object& exc_type, const py::object&, const py::object&) {
        t.exit(exc_type);
        return false;  // never swallow the exception
      })
      .def_property_readonly("elapsed", &PyTimer::elapsed, "Seconds since the block was entered.");

  // The targets bound once, so that starting a timer is one cheap call (the RAG hot path).
  py::class_<TimerTargets>(m, "TimerTargets", "What a Timer records into, bound once; timer() starts one.")
      .def(py::init([](const py::object& duration, const py::object& total, const py::object& succeeded,
                       const py::object& failed) {
             return TimerTargets{histogram_of(duration), counter_of(total), counter_of(succeeded),
                                 counter_of(failed)};
           }),
           py::arg("duration") = py::none(), py::arg("total") = py::none(), py::arg("succeeded") = py::none(),
           py::arg("failed") = py::none())
      .def("timer", [](const TimerTargets& targets) { return PyTimer(targets); });

  py::class_<HistogramValue>(m, "HistogramSnapshot", "Cumulative buckets (upper bound, count), sum and count.")
      .def_readonly("buckets", &HistogramValue::buckets)
      .def_readonly("sum", &HistogramValue::sum)
      .def_readonly("count", &HistogramValue::count);

  py::class_<HistogramChild>(m, "HistogramChild", "One labelled series of a Histogram.")
      .def("observe", [](HistogramChild& h, double value) { h.metric->observe(value); }, py::arg("value"))
      .def("observe_many", [](HistogramChild& h, const py::iterable& values) { observe_all(*h.metric, values); })
      .def("time", [](const py::object& self) { return PyTimer(TimerTargets{.duration = histogram_of(self)}); })
      .def("snapshot", [](HistogramChild& h) { return snapshot_of(*h.metric); });

  py::class_<PyHistogram>(m, "Histogram", "A distribution of observed values in fixed buckets (+Inf implicit).")
      .def(py::init([&registry](const std::string& name, const std::string& documentation,
                                std::vector<std::string> labelnames, std::optional<std::vector<double>> buckets) {
             Family<Histogram>& family = registry.histogram(name, documentation, std::move(labelnames),
                                                            buckets ? std::move(*buckets) : default_buckets());
             return PyHistogram{&family, only_child(family)};
           }),
           py::arg("name"), py::arg("documentation") = "", py::arg("labelnames") = std::vector<std::string>{},
           py::arg("buckets") = py::none())
      .def("observe", [](PyHistogram& h, double value) { need_child(h.child, *h.family).observe(value); },
           py::arg("value"))
      .def("observe_many",
           [](PyHistogram& h, const py::iterable& values) { observe_all(need_child(h.child, *h.family), values); },
           py::arg("values"), "Observes every value of an iterable in one call; None values are skipped.")
      .def("time", [](const py::object& self) { return PyTimer(TimerTargets{.duration = histogram_of(self)}); })
      .def("snapshot", [](PyHistogram& h) { return snapshot_of(need_child(h.child, *h.family)); })
      .def("labels",
           [](PyHistogram& h, const py::args& args, const py::kwargs& kwargs) {
             const auto values = label_values(h.family->label_names(), args, kwargs);
             return HistogramChild{&h.family->labels(std::span<const std::string>(values))};
           })
      .def_property_readonly("name", [](const PyHistogram& h) { return h.family->name(); })
      .def_property_readonly("labelnames", [](const PyHistogram& h) { return h.family->label_names(); })
      .def_property_readonly("buckets", [](const PyHistogram& h) { return h.family->config().upper_bounds; });

  m.def("default_buckets", &default_buckets);
  m.def("exponential_buckets", &exponential_buckets, py::arg("start"), py::arg("factor"), py::arg("count"));
  m.def("linear_buckets", &linear_buckets, py::arg("start"), py::arg("width"), py::arg("count"));
}

}  // namespace host_exporter::python
