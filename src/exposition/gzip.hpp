#pragma once
// gzip bodies with zlib (hx_gzip): what /metrics sends and the push API receives.
// Kept out of the core (hx_exposition), which depends on the standard library alone.

#include <cstddef>
#include <string>
#include <string_view>

namespace host_exporter::exposition {

// gzip (RFC 1952) compression of a whole body with zlib.
std::string gzip_compress(std::string_view data, int level = 6);

// A gzip request body inflated with a cap: inflation stops as soon as the output
// passes `max_bytes`, so a zip bomb costs no more memory than the cap.
struct Gunzipped {
  enum class Status { kOk, kTooLarge, kCorrupt };
  Status status = Status::kOk;
  std::string data;  // empty unless kOk
};
Gunzipped gzip_decompress(std::string_view data, std::size_t max_bytes);

}  // namespace host_exporter::exposition
