// libFuzzer entry point for the push persistence file. Beyond "no crash, no UB"
// (times such as 1e300 were undefined behaviour): a file that loads serializes
// and loads again to the same groups.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz_check.hpp"
#include "ingest/push_persistence.hpp"

namespace ingest = host_exporter::ingest;
using host_exporter::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = ingest::parse_push_groups(input);
  if (std::holds_alternative<std::string>(parsed)) return 0;
  const auto& loaded = std::get<ingest::LoadedPushGroups>(parsed);
  std::vector<const ingest::PushGroup*> groups;
  for (const auto& group : loaded.groups) groups.push_back(&group);
  const std::string text = ingest::serialize_push_groups(groups);
  const auto again = ingest::parse_push_groups(text);
  if (const auto* reason = std::get_if<std::string>(&again)) broken("own output refused", *reason);
  const auto& reloaded = std::get<ingest::LoadedPushGroups>(again);
  if (!reloaded.skipped.empty()) broken("own output skipped a group", reloaded.skipped.front());
  if (reloaded.groups.size() != loaded.groups.size()) broken("group count");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (reloaded.groups[i].key != loaded.groups[i].key) broken("key");
    if (reloaded.groups[i].families.size() != loaded.groups[i].families.size()) broken("family count");
  }
  return 0;
}
