#include "platform/linux/process_stat.hpp"

#include <cstring>

#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

namespace {

// The fields after the command name, in order. The last field of the line carries
// its newline; none of those read here is last on a real line, but a truncated one may be.
class StatFields {
 public:
  explicit StatFields(std::string_view rest) : rest_(rest) {}

  std::string_view next() {
    std::string_view field = next_field(rest_);
    if (!field.empty() && field.back() == '\n') field.remove_suffix(1);
    return field;
  }
  bool skip(int count) {
    for (int i = 0; i < count; ++i) {
      if (next().empty()) return false;
    }
    return true;
  }
  bool u64(std::uint64_t& value) { return parse_u64(next(), value); }
  bool i64(std::int64_t& value) { return parse_i64(next(), value); }

 private:
  std::string_view rest_;
};

}  // namespace

bool parse_process_stat(std::string_view text, ProcessStat& out) {
  if (text.empty()) return false;
  // The last ')' is searched from the end, past ~40 numeric fields: memrchr, not a byte loop.
  const auto* open = static_cast<const char*>(std::memchr(text.data(), '(', text.size()));
  const auto* close = static_cast<const char*>(::memrchr(text.data(), ')', text.size()));
  if (open == nullptr || close == nullptr || close < open) return false;

  std::string_view head(text.data(), static_cast<std::size_t>(open - text.data()));
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  std::int64_t pid = 0;
  if (!parse_i64(head, pid)) return false;
  out.pid = static_cast<int>(pid);
  out.comm.assign(open + 1, static_cast<std::size_t>(close - open - 1));

  // Field numbers as in proc(5): state is field 3, rss field 24. One pass, in field order.
  StatFields fields(text.substr(static_cast<std::size_t>(close + 1 - text.data())));
  const std::string_view state = fields.next();
  std::int64_t ppid = 0;
  std::int64_t rss = 0;
  if (state.empty() || !fields.i64(ppid)) return false;                           // 3, 4
  if (!fields.skip(9)) return false;                                              // 5-13
  if (!fields.u64(out.utime_ticks) || !fields.u64(out.stime_ticks)) return false;  // 14, 15
  if (!fields.skip(4) || !fields.i64(out.threads)) return false;                  // 16-19, 20
  if (!fields.skip(1) || !fields.u64(out.starttime_ticks)) return false;          // 21, 22
  if (!fields.skip(1) || !fields.i64(rss)) return false;                          // 23, 24
  out.state = state.front();
  out.ppid = static_cast<int>(ppid);
  // A signed long in the kernel; never negative in practice, but a bad value must not wrap.
  out.rss_pages = rss < 0 ? 0 : static_cast<std::uint64_t>(rss);
  return true;
}

}  // namespace host_exporter::platform
