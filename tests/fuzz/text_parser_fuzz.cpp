// libFuzzer entry point for the text-format parser. Besides "no crash, no
// sanitizer report", it checks what the parser promises: a rejection names a
// line of the input in a short message; an accepted input gives well-formed
// families, and the encoder's text for them parses back to the same families.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "exposition/format.hpp"
#include "exposition/text_parser.hpp"
#include "fuzz_check.hpp"
#include "host_exporter/metric_family.hpp"
#include "support/series_equality.hpp"

namespace {

using host_exporter::HistogramValue;
using host_exporter::MetricFamily;
using host_exporter::Series;
namespace exposition = host_exporter::exposition;
using host_exporter::fuzz::broken;

void check_family(const MetricFamily& family) {
  if (!host_exporter::is_valid_metric_name(family.name)) broken("family name", family.name);
  if (family.series.empty()) broken("family without series", family.name);
  for (const Series& series : family.series) {
    const auto labels = host_exporter::parse_label_text(series.labels);
    if (!labels) broken("label text", series.labels);
    for (const auto& [name, value] : *labels) {
      if (!host_exporter::is_valid_label_name(name)) broken("label name", name);
    }
    if (const auto* h = std::get_if<HistogramValue>(&series.value)) {
      if (h->buckets.empty() || !(h->buckets.back().first > 0 && std::isinf(h->buckets.back().first)) ||
          h->buckets.back().second != h->count) {
        broken("histogram +Inf bucket", family.name);
      }
      for (std::size_t i = 1; i < h->buckets.size(); ++i) {
        if (!(h->buckets[i - 1].first < h->buckets[i].first) || h->buckets[i - 1].second > h->buckets[i].second) {
          broken("histogram bucket order", family.name);
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto result = exposition::parse_text(input);
  if (const auto* error = std::get_if<exposition::ParseError>(&result)) {
    std::size_t lines = 1;
    for (char c : input) lines += c == '\n' ? 1 : 0;
    if (error->line == 0 || error->line > lines) broken("error line", error->message());
    if (error->reason.empty() || error->reason.size() > 1000) broken("error reason size", error->message());
    return 0;
  }
  const auto& families = std::get<std::vector<MetricFamily>>(result);
  for (const MetricFamily& family : families) check_family(family);

  std::string encoded;
  exposition::encode(families, exposition::Format::kText004, encoded);
  const auto again = exposition::parse_text(encoded);
  if (const auto* error = std::get_if<exposition::ParseError>(&again)) broken("encoder output rejected", error->message());
  const auto& reparsed = std::get<std::vector<MetricFamily>>(again);
  if (reparsed.size() != families.size()) broken("round trip family count");
  for (std::size_t f = 0; f < families.size(); ++f) {
    const MetricFamily& a = families[f];
    const MetricFamily& b = reparsed[f];
    if (a.name != b.name || a.help != b.help || a.type != b.type || a.series.size() != b.series.size()) {
      broken("round trip family", a.name);
    }
    for (std::size_t s = 0; s < a.series.size(); ++s) {
      if (!host_exporter::test::same_series(a.series[s], b.series[s])) broken("round trip series", a.name);
    }
  }
  return 0;
}
