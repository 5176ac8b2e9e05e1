#include "exposition/format.hpp"

namespace host_exporter::exposition {

std::string_view content_type(Format format) {
  switch (format) {
    case Format::kText004: return "text/plain; version=0.0.4; charset=utf-8";
    case Format::kOpenMetrics100: return "application/openmetrics-text; version=1.0.0; charset=utf-8";
  }
  return "text/plain; version=0.0.4; charset=utf-8";
}

}  // namespace host_exporter::exposition
