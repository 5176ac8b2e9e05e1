#pragma once
// A push group's identity, as Pushgateway defines it: the job and the labels of
// the request path. Every series pushed to a group carries these labels.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace host_exporter::ingest {

// (name, value) pairs sorted by name; always holds "job" with a non-empty value.
using GroupingKey = std::vector<std::pair<std::string, std::string>>;

// Parses "/metrics/job/<job>{/<label>/<value>}" (already percent-decoded).
// `job@base64` or `<label>@base64` marks the next segment as base64url
// (padding optional, "=" for an empty value). A label given twice (a "job"
// label included) and a NUL byte in a name or value are errors. Returns the
// reason on error.
std::variant<GroupingKey, std::string> parse_push_path(std::string_view path);

// Builds a key from pairs in any order (for tests and the persistence file);
// returns the reason when a name is invalid or the job is missing or empty.
std::variant<GroupingKey, std::string> make_grouping_key(std::vector<std::pair<std::string, std::string>> labels);

// `{job="batch",instance="a"}` for messages.
std::string describe(const GroupingKey& key);

// A pushed series' label text with the group's labels applied, Pushgateway's
// way: grouping labels replace or join the series' own, `instance` is added
// empty when absent (so Prometheus does not attach the exporter's instance),
// and the labels are sorted by name. nullopt when `labels` is not label text.
std::optional<std::string> apply_grouping_key(std::string_view labels, const GroupingKey& key);

bool is_valid_utf8(std::string_view text);
// Valid UTF-8 without NUL bytes: what a grouping label value may hold.
bool is_valid_label_value(std::string_view text);

}  // namespace host_exporter::ingest
