#pragma once
// Reads one *.prom file of the textfile directory: the whole file through one
// descriptor (so a writer's atomic rename gives us either the old file or the
// new one, never a mix), strictly parsed, refused when a sample has a timestamp.

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::ingest {

struct TextfileContent {
  std::vector<MetricFamily> families;
  double mtime_seconds = 0;  // whole seconds, as node_exporter reports them
};

struct TextfileError {
  std::size_t line = 0;  // 1-based; 0 when the error is not about one line
  std::string reason;
};

std::variant<TextfileContent, TextfileError> read_textfile(const std::string& path);

}  // namespace host_exporter::ingest
