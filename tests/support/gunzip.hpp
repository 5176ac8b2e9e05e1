#pragma once
// Inflates a gzip body in tests (windowBits 15 + 16 accepts only the gzip wrapper).

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace host_exporter::test {

inline std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[4096];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  EXPECT_EQ(result, Z_STREAM_END) << "not one whole gzip stream";
  EXPECT_EQ(stream.avail_in, 0u) << "trailing bytes after the gzip member";
  inflateEnd(&stream);
  return out;
}

}  // namespace host_exporter::test
