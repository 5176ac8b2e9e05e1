#include "collectors/build_info.hpp"

#include <build_info.hpp>  // the generated one (quotes would find this folder's)

namespace host_exporter::collectors {

BuildInfoCollector::BuildInfoCollector()
    : labels_(render_labels(
          {{"version", build::kVersion}, {"revision", build::kRevision}, {"compiler", build::kCompiler}})) {}

void BuildInfoCollector::collect(std::vector<MetricFamily>& out) {
  out.push_back({"host_exporter_build_info",
                 "A metric with a constant '1' value labeled by version, revision and compiler from which "
                 "host_exporter was built.",
                 MetricType::kGauge,
                 {{labels_, 1.0, {}}}});
}

}  // namespace host_exporter::collectors
