#pragma once
// The URL path of a pushed group, Pushgateway's way: /metrics/job/<job>{/<label>/<value>}.
// A value that is empty, "." or "..", or holds anything but letters, digits and
// "-._~", travels base64url-encoded as <label>@base64/<encoded>: the only way to send
// '/' or an empty value, and never ambiguous about percent-decoding.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace host_exporter::text {

std::string push_group_path(std::string_view job, const std::vector<std::pair<std::string, std::string>>& labels);

}  // namespace host_exporter::text
