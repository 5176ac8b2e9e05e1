#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "encoder_families.hpp"
#include "exposition/format.hpp"

namespace host_exporter::exposition {
namespace {

// Inflates a gzip stream (windowBits 15 + 16 accepts only the gzip wrapper).
std::string gunzip(const std::string& compressed) {
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
  EXPECT_EQ(result, Z_STREAM_END);
  EXPECT_EQ(stream.avail_in, 0u) << "trailing bytes after the gzip member";
  inflateEnd(&stream);
  return out;
}

std::string encoded_body() {
  std::string body;
  for (int i = 0; i < 50; ++i) encode(testing::rich_families(), Format::kText004, body);
  return body;
}

TEST(GzipCompress, RoundTripsAnEncodedBody) {
  const std::string body = encoded_body();
  const std::string compressed = gzip_compress(body);
  ASSERT_GE(compressed.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
  EXPECT_LT(compressed.size(), body.size() / 4);
  EXPECT_EQ(gunzip(compressed), body);
}

TEST(GzipCompress, RoundTripsAtEveryLevel) {
  const std::string body = encoded_body();
  for (int level = -3; level <= 12; ++level) {
    EXPECT_EQ(gunzip(gzip_compress(body, level)), body) << "level " << level;
  }
}

TEST(GzipCompress, CompressesAnEmptyBody) { EXPECT_EQ(gunzip(gzip_compress("")), ""); }

TEST(GzipCompress, KeepsBinaryBytes) {
  const std::string bytes("\0\xff\x01\x80 text\n", 9);
  EXPECT_EQ(gunzip(gzip_compress(bytes)), bytes);
}

}  // namespace
}  // namespace host_exporter::exposition
