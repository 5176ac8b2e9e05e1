#pragma once
// The push persistence file: JSON, one object per group with its grouping
// labels, its times (Unix seconds) and each family as text-format 0.0.4, so the
// file is readable by people and re-checked by the strict parser on load.
//
//   {"format": "host_exporter push groups", "version": 1,
//    "groups": [{"labels": {"job": "batch"}, "push_time_seconds": 1.7e9,
//                "push_failure_time_seconds": 0, "last_request_seconds": 1.7e9,
//                "families": [{"pushed_at_seconds": 1.7e9, "text": "# HELP ...\n..."}]}]}

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ingest/push_group.hpp"

namespace host_exporter::ingest {

std::string serialize_push_groups(const std::vector<const PushGroup*>& groups);

// All groups, or the reason the text is not a valid file (never a part of it).
std::variant<std::vector<PushGroup>, std::string> parse_push_groups(std::string_view text);

}  // namespace host_exporter::ingest
