#include <zlib.h>

#include <algorithm>
#include <limits>
#include <new>

#include "exposition/gzip.hpp"

namespace host_exporter::exposition {

Gunzipped gzip_decompress(std::string_view data, std::size_t max_bytes) {
  Gunzipped result;
  if (data.size() > std::numeric_limits<uInt>::max()) {
    result.status = Gunzipped::Status::kTooLarge;
    return result;
  }
  z_stream stream{};
  // windowBits 15 + 16: a gzip stream, header and trailer checked.
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw std::bad_alloc();
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // never written through
  stream.avail_in = static_cast<uInt>(data.size());
  // Grown a piece at a time and stopped at the cap: a small bomb never gets more memory than the cap.
  constexpr std::size_t kPiece = 64 << 10;
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (result.data.size() >= max_bytes + 1) break;
    const std::size_t before = result.data.size();
    const std::size_t piece = std::min(kPiece, max_bytes + 1 - before);
    result.data.resize(before + piece);
    stream.next_out = reinterpret_cast<Bytef*>(result.data.data() + before);
    stream.avail_out = static_cast<uInt>(piece);
    rc = inflate(&stream, Z_NO_FLUSH);
    result.data.resize(before + piece - stream.avail_out);
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;  // the input ended before the stream did
  }
  inflateEnd(&stream);
  if (result.data.size() > max_bytes) {
    result.status = Gunzipped::Status::kTooLarge;
  } else if (rc != Z_STREAM_END) {
    result.status = Gunzipped::Status::kCorrupt;
  }
  if (result.status != Gunzipped::Status::kOk) result.data.clear();
  return result;
}

}  // namespace host_exporter::exposition
