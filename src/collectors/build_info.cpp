#include "collectors/build_info.hpp"

#include <build_info.hpp>  // the generated one (quotes would find this folder's)

namespace host_exporter::collectors {

namespace {

constexpr std::string_view kLabels[] = {"version", "revision", "compiler"};
constexpr exposition::FamilyDescriptor kBuildInfo{
    "host_exporter_build_info",
    "A metric with a constant '1' value labeled by version, revision and compiler from which host_exporter was "
    "built.",
    MetricType::kGauge, kLabels};

}  // namespace

void BuildInfoCollector::fill(exposition::Sink& sink) {
  sink.begin(kBuildInfo);
  sink.sample({build::kVersion, build::kRevision, build::kCompiler}, 1.0);
}

}  // namespace host_exporter::collectors
