// libFuzzer entry point for push paths (/metrics/job[@base64]/<job>{/<label>[@base64]/<value>}).
// Beyond "no crash": an accepted key has a non-empty job, valid label names, values
// without NUL bytes in valid UTF-8, names in order and each once; applying it to
// an empty series gives label text that parses back.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz_check.hpp"
#include "host_exporter/metric_family.hpp"
#include "ingest/grouping_key.hpp"

namespace ingest = host_exporter::ingest;
using host_exporter::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Half the inputs get the prefix, so the fuzzer spends its time past it.
  const std::string path = (size > 0 && data[0] % 2 == 0) ? "/metrics/job" + std::string(input.substr(1)) : std::string(input);
  const auto parsed = ingest::parse_push_path(path);
  if (const auto* reason = std::get_if<std::string>(&parsed)) {
    if (reason->empty()) broken("empty refusal reason");
    return 0;
  }
  const auto& key = std::get<ingest::GroupingKey>(parsed);
  bool has_job = false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto& [name, value] = key[i];
    if (!host_exporter::is_valid_label_name(name)) broken("label name", name);
    if (!ingest::is_valid_label_value(value)) broken("label value", value);
    if (i > 0 && !(key[i - 1].first < name)) broken("names not sorted and unique", name);
    if (name == "job") has_job = !value.empty();
  }
  if (!has_job) broken("no job", path);
  const auto labels = ingest::apply_grouping_key("", key);
  if (!labels || !host_exporter::parse_label_text(*labels)) broken("applied labels", labels.value_or(""));
  (void)ingest::describe(key);
  return 0;
}
