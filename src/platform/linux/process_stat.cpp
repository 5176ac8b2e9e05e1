#include "platform/linux/process_stat.hpp"

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace host_exporter::platform {

namespace {

// The whole of `text` as a decimal, as std::from_chars reads it (a '-' only for a signed
// type, no '+', no blanks, nothing out of range); inline, since it runs seven times per
// process per window.
template <typename Number>
bool parse_decimal(std::string_view text, Number& value) {
  const char* at = text.data();
  const char* const end = at + text.size();
  bool negative = false;
  if constexpr (std::is_signed_v<Number>) {
    negative = at < end && *at == '-';
    if (negative) ++at;
  }
  if (at == end) return false;
  std::uint64_t magnitude = 0;
  for (; at < end; ++at) {
    const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(*at)) - unsigned{'0'};
    if (digit > 9) return false;
    if (__builtin_mul_overflow(magnitude, std::uint64_t{10}, &magnitude) ||
        __builtin_add_overflow(magnitude, std::uint64_t{digit}, &magnitude)) {
      return false;
    }
  }
  if constexpr (std::is_signed_v<Number>) {
    const auto largest = static_cast<std::uint64_t>(std::numeric_limits<Number>::max());
    if (magnitude > largest + (negative ? 1 : 0)) return false;
    value = static_cast<Number>(negative ? std::uint64_t{0} - magnitude : magnitude);  // modular, as C++20 defines
  } else {
    if (magnitude > std::numeric_limits<Number>::max()) return false;
    value = static_cast<Number>(magnitude);
  }
  return true;
}

// Walks the fields after the command name. Read once per process per window, so it is
// a plain pointer walk in field order, with no per-field dispatch.
class StatFields {
 public:
  StatFields(const char* at, const char* end) : at_(at), end_(end) {}

  // The next field separated by spaces or tabs, without a trailing newline; false when
  // none is left (or it is only the newline).
  bool next(std::string_view& field) {
    while (at_ < end_ && is_blank(*at_)) ++at_;
    const char* start = at_;
    while (at_ < end_ && !is_blank(*at_)) ++at_;
    const char* stop = at_;
    if (stop > start && stop[-1] == '\n') --stop;
    field = std::string_view(start, static_cast<std::size_t>(stop - start));
    return !field.empty();
  }

  bool skip(int count) {
    std::string_view field;
    for (int i = 0; i < count; ++i) {
      if (!next(field)) return false;
    }
    return true;
  }

  // The next field, whole, as a decimal number.
  template <typename Number>
  bool number(Number& value) {
    std::string_view field;
    return next(field) && parse_decimal(field, value);
  }

 private:
  static bool is_blank(char c) { return c == ' ' || c == '\t'; }
  const char* at_;
  const char* end_;
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
  if (!parse_decimal(head, pid)) return false;
  out.pid = static_cast<int>(pid);
  out.comm.assign(open + 1, static_cast<std::size_t>(close - open - 1));

  // Field numbers as in proc(5): state is field 3, rss field 24.
  StatFields fields(close + 1, text.data() + text.size());
  std::string_view state;
  std::int64_t ppid = 0;
  std::int64_t rss = 0;
  if (!fields.next(state) || !fields.number(ppid)) return false;  // 3, 4
  if (!fields.skip(9)) return false;                                // 5-13
  if (!fields.number(out.utime_ticks) || !fields.number(out.stime_ticks)) return false;  // 14, 15
  if (!fields.skip(4) || !fields.number(out.threads)) return false;                     // 16-19, 20
  if (!fields.skip(1) || !fields.number(out.starttime_ticks)) return false;             // 21, 22
  if (!fields.skip(1) || !fields.number(rss)) return false;                             // 23, 24
  out.state = state.front();
  out.ppid = static_cast<int>(ppid);
  // A signed long in the kernel; never negative in practice, but a bad value must not wrap.
  out.rss_pages = rss < 0 ? 0 : static_cast<std::uint64_t>(rss);
  return true;
}

}  // namespace host_exporter::platform
