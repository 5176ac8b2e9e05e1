#include "server/head_scanner.hpp"

#include <charconv>
#include <cstring>
#include <strings.h>

namespace host_exporter::server {

void HeadScanner::reset() {
  head_bytes_ = 0;
  line_bytes_ = 0;
  lines_ = 0;
  ends_with_cr_ = false;
}

HeadScanner::Result HeadScanner::scan(std::string_view bytes) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    const void* found = std::memchr(bytes.data() + at, '\n', bytes.size() - at);
    const std::size_t line_end = found ? static_cast<const char*>(found) - bytes.data() : bytes.size();
    if (line_end > at) ends_with_cr_ = bytes[line_end - 1] == '\r';
    line_bytes_ += line_end - at;
    head_bytes_ += line_end - at + (found ? 1 : 0);
    if (head_bytes_ > limits_.max_head_bytes) return {Verdict::kTooLarge, 0, "request head over the size limit"};
    // A CR before the LF belongs to the line ending, not to the line.
    const std::size_t length = line_bytes_ - (ends_with_cr_ ? 1 : 0);
    if (length > limits_.max_line_bytes) {
      return {Verdict::kTooLarge, 0, lines_ == 0 ? "request line over the size limit" : "header line over the size limit"};
    }
    if (!found) break;
    at = line_end + 1;
    const bool blank = length == 0;
    line_bytes_ = 0;
    ends_with_cr_ = false;
    if (blank) {
      // Empty lines before the request line are tolerated (RFC 9112, 2.2); after it, one ends the head.
      if (lines_ > 0) return {Verdict::kComplete, at, {}};
      continue;
    }
    if (++lines_ > limits_.max_fields + 1) return {Verdict::kTooLarge, 0, "too many header fields"};
  }
  return {Verdict::kIncomplete, 0, {}};
}

}  // namespace host_exporter::server

namespace host_exporter::server {

namespace {

// Calls `f` with the value of every header field of that name (leading blanks skipped, up to the line end).
template <typename F>
void for_each_field(std::string_view head, std::string_view name, F&& f) {
  for (std::size_t at = head.find('\n'); at != std::string_view::npos; at = head.find('\n', at + 1)) {
    std::string_view line = head.substr(at + 1);
    line = line.substr(0, line.find('\n'));
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() < name.size() || ::strncasecmp(line.data(), name.data(), name.size()) != 0) continue;
    line.remove_prefix(name.size());
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    f(line);
  }
}

}  // namespace

bool declares_chunked_body(std::string_view head) {
  bool chunked = false;
  for_each_field(head, "transfer-encoding:", [&](std::string_view value) {
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    chunked = value.size() >= 7 && ::strncasecmp(value.data() + value.size() - 7, "chunked", 7) == 0;
  });
  return chunked;
}

std::uint64_t declared_content_length(std::string_view head) {
  std::uint64_t largest = 0;
  bool overflow = false;
  for_each_field(head, "content-length:", [&](std::string_view value) {
    std::uint64_t length = 0;
    const auto result = std::from_chars(value.data(), value.data() + value.size(), length);
    // Too many digits to count: as large as can be (evhttp refuses it too).
    if (result.ec == std::errc::result_out_of_range) overflow = true;
    if (result.ec == std::errc() && length > largest) largest = length;
  });
  return overflow ? UINT64_MAX : largest;
}

}  // namespace host_exporter::server
