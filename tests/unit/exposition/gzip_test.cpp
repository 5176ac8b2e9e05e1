#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "encoder_families.hpp"
#include "exposition/format.hpp"
#include "support/gunzip.hpp"

namespace host_exporter::exposition {
namespace {

using test::gunzip;

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
