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

struct LoadedPushGroups {
  std::vector<PushGroup> groups;
  std::vector<std::string> skipped;  // why each group left out was left out, one line each
};

// The groups of a valid file, or the reason the text is not one (not JSON, not our
// format or version). A group that cannot be used whole (a family that does not
// parse, a time that is not a finite Unix time between 1970 and 2200, a bad key)
// is skipped and its reason listed; the others load.
std::variant<LoadedPushGroups, std::string> parse_push_groups(std::string_view text);

}  // namespace host_exporter::ingest
