#include "ingest/push_persistence.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

#include "exposition/format.hpp"
#include "exposition/text_parser.hpp"
#include "ingest/sample_timestamps.hpp"

namespace host_exporter::ingest {

namespace {

constexpr std::string_view kFormat = "host_exporter push groups";
constexpr int kVersion = 1;

struct Invalid {
  std::string reason;
};

// Later than this, a time cannot be a TimePoint on every platform (libstdc++ counts
// nanoseconds in 64 bits: up to 2262); it cannot be a push time either.
constexpr double kLatestUnixSeconds = 7'258'118'400;  // 2200-01-01

// A time field: a finite number of Unix seconds in [0, 2200-01-01], anything else refused
// (1e300 would overflow the conversion to a TimePoint).
TimePoint unix_time(const nlohmann::json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end() || !it->is_number()) throw Invalid{std::string("missing or non-numeric \"") + field + "\""};
  const double seconds = it->get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > kLatestUnixSeconds) {
    throw Invalid{std::string("\"") + field + "\" is not a Unix time between 1970 and 2200"};
  }
  return from_unix_seconds(seconds);
}

PushGroup parse_group(const nlohmann::json& object) {
  if (!object.is_object()) throw Invalid{"a group is not an object"};
  const auto labels = object.find("labels");
  if (labels == object.end() || !labels->is_object()) throw Invalid{"a group has no \"labels\" object"};
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [name, value] : labels->items()) {
    if (!value.is_string()) throw Invalid{"label " + name + " is not a string"};
    pairs.emplace_back(name, value.get<std::string>());
  }
  auto key = make_grouping_key(std::move(pairs));
  if (auto* reason = std::get_if<std::string>(&key)) throw Invalid{"bad grouping key: " + *reason};

  PushGroup group;
  group.key = std::get<GroupingKey>(std::move(key));
  group.push_time = unix_time(object, "push_time_seconds");
  group.failure_time = unix_time(object, "push_failure_time_seconds");
  group.last_request = unix_time(object, "last_request_seconds");

  const auto families = object.find("families");
  if (families == object.end() || !families->is_array()) throw Invalid{"a group has no \"families\" array"};
  for (const auto& entry : *families) {
    if (!entry.is_object()) throw Invalid{"a family is not an object"};
    const auto text = entry.find("text");
    if (text == entry.end() || !text->is_string()) throw Invalid{"a family has no \"text\""};
    const std::string& body = text->get_ref<const std::string&>();
    auto parsed = exposition::parse_text(body);
    if (auto* error = std::get_if<exposition::ParseError>(&parsed)) {
      throw Invalid{"group " + describe(group.key) + ": " + error->message()};
    }
    auto& list = std::get<std::vector<MetricFamily>>(parsed);
    if (list.size() != 1) throw Invalid{"group " + describe(group.key) + ": a family entry holds " +
                                        std::to_string(list.size()) + " families"};
    if (has_sample_timestamps(list)) throw Invalid{"group " + describe(group.key) + ": sample timestamps"};
    std::string name = list.front().name;
    PushedFamily pushed{std::move(list.front()), unix_time(entry, "pushed_at_seconds")};
    if (!group.families.emplace(name, std::move(pushed)).second) {
      throw Invalid{"group " + describe(group.key) + ": family " + name + " appears twice"};
    }
  }
  return group;
}

}  // namespace

std::string serialize_push_groups(const std::vector<const PushGroup*>& groups) {
  nlohmann::json root;
  root["format"] = kFormat;
  root["version"] = kVersion;
  auto& list = root["groups"] = nlohmann::json::array();
  std::string text;
  for (const PushGroup* group : groups) {
    nlohmann::json entry;
    auto& labels = entry["labels"] = nlohmann::json::object();
    for (const auto& [name, value] : group->key) labels[name] = value;
    entry["push_time_seconds"] = to_unix_seconds(group->push_time);
    entry["push_failure_time_seconds"] = to_unix_seconds(group->failure_time);
    entry["last_request_seconds"] = to_unix_seconds(group->last_request);
    auto& families = entry["families"] = nlohmann::json::array();
    for (const auto& [name, pushed] : group->families) {
      text.clear();
      exposition::encode({pushed.family}, exposition::Format::kText004, text);
      families.push_back({{"pushed_at_seconds", to_unix_seconds(pushed.pushed_at)}, {"text", text}});
    }
    list.push_back(std::move(entry));
  }
  return root.dump(1) + '\n';
}

std::variant<LoadedPushGroups, std::string> parse_push_groups(std::string_view text) {
  try {
    const auto root = nlohmann::json::parse(text);
    if (!root.is_object()) throw Invalid{"not a JSON object"};
    const auto format = root.find("format");
    if (format == root.end() || *format != kFormat) throw Invalid{"not a host_exporter push groups file"};
    const auto version = root.find("version");
    if (version == root.end() || *version != kVersion) throw Invalid{"unsupported version"};
    const auto groups = root.find("groups");
    if (groups == root.end() || !groups->is_array()) throw Invalid{"no \"groups\" array"};
    LoadedPushGroups result;
    for (std::size_t i = 0; i < groups->size(); ++i) {
      try {
        result.groups.push_back(parse_group((*groups)[i]));
      } catch (const Invalid& invalid) {
        result.skipped.push_back("group " + std::to_string(i + 1) + ": " + invalid.reason);
      } catch (const nlohmann::json::exception& e) {
        result.skipped.push_back("group " + std::to_string(i + 1) + ": " + e.what());
      }
    }
    return result;
  } catch (const Invalid& invalid) {
    return invalid.reason;
  } catch (const nlohmann::json::exception& e) {
    return std::string("invalid JSON: ") + e.what();
  }
}

}  // namespace host_exporter::ingest
