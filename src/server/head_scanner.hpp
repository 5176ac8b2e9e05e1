#pragma once
// Watches the bytes of a request head as they arrive, before the HTTP library
// parses them, and says when the head is complete or breaks a limit. libevent 2.1
// bounds only a head's total size and answers 400 beyond it; this gives the
// per-line and per-count limits, and 431, that Go's net/http (and so Pushgateway
// and node_exporter) apply.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace host_exporter::server {

struct HeadLimits {
  std::size_t max_line_bytes = 8 << 10;   // the request line and each header line
  std::size_t max_fields = 100;           // header lines
  std::size_t max_head_bytes = 64 << 10;  // everything up to the blank line
};

class HeadScanner {
 public:
  enum class Verdict { kIncomplete, kComplete, kTooLarge };
  struct Result {
    Verdict verdict = Verdict::kIncomplete;
    std::size_t head_end = 0;  // kComplete: offset just past the blank line, within the bytes given
    std::string_view reason;   // kTooLarge: which limit
  };

  explicit HeadScanner(HeadLimits limits) : limits_(limits) {}

  // The next bytes of the connection; call again with the following ones while kIncomplete.
  Result scan(std::string_view bytes);
  // Before the next request's head.
  void reset();

  bool started() const { return head_bytes_ > 0; }

 private:
  HeadLimits limits_;
  std::size_t head_bytes_ = 0;
  std::size_t line_bytes_ = 0;  // of the line in progress, CR excluded
  std::size_t lines_ = 0;       // complete, non-empty lines
  bool ends_with_cr_ = false;   // the line in progress ends with CR so far
};

// The largest Content-Length a complete head declares (0 when none), so that a body
// over the limit is refused before a byte of it is read.
std::uint64_t declared_content_length(std::string_view head);

// True when a complete head declares a chunked body (Transfer-Encoding ending in "chunked").
bool declares_chunked_body(std::string_view head);

}  // namespace host_exporter::server
