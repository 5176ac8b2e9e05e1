#include "platform/linux/process_stat.hpp"

#include "platform/linux/field_scanner.hpp"

namespace host_exporter::platform {

bool parse_process_stat(std::string_view text, ProcessStat& out) {
  const auto open = text.find('(');
  const auto close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return false;

  std::int64_t pid = 0;
  std::string_view head = text.substr(0, open);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  if (!parse_i64(head, pid)) return false;
  out.pid = static_cast<int>(pid);
  out.comm.assign(text.substr(open + 1, close - open - 1));

  std::string_view rest = text.substr(close + 1);
  // Field numbers as in proc(5): state is field 3, rss field 24.
  for (int number = 3; number <= 24; ++number) {
    std::string_view field = next_field(rest);
    if (!field.empty() && field.back() == '\n') field.remove_suffix(1);
    if (field.empty()) return false;
    std::int64_t signed_value = 0;
    switch (number) {
      case 3: out.state = field.front(); break;
      case 4:
        if (!parse_i64(field, signed_value)) return false;
        out.ppid = static_cast<int>(signed_value);
        break;
      case 14: if (!parse_u64(field, out.utime_ticks)) return false; break;
      case 15: if (!parse_u64(field, out.stime_ticks)) return false; break;
      case 20: if (!parse_i64(field, out.threads)) return false; break;
      case 22: if (!parse_u64(field, out.starttime_ticks)) return false; break;
      case 24:
        // A signed long in the kernel; never negative in practice, but a bad value must not wrap.
        if (!parse_i64(field, signed_value)) return false;
        out.rss_pages = signed_value < 0 ? 0 : static_cast<std::uint64_t>(signed_value);
        break;
      default: break;
    }
  }
  return true;
}

}  // namespace host_exporter::platform
