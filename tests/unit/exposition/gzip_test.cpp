#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "encoder_families.hpp"
#include "exposition/gzip.hpp"
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

namespace host_exporter::exposition {
namespace {

TEST(GzipDecompress, InflatesWhatGzipCompressMade) {
  const std::string body(100'000, 'x');
  const auto inflated = gzip_decompress(gzip_compress(body), 1 << 20);
  EXPECT_EQ(inflated.status, Gunzipped::Status::kOk);
  EXPECT_EQ(inflated.data, body);
}

TEST(GzipDecompress, StopsAtTheCapAndKeepsNothing) {
  // 64 MiB of zeros compress to ~64 KiB: a small bomb.
  const std::string bomb = gzip_compress(std::string(64u << 20, '\0'), 9);
  ASSERT_LT(bomb.size(), 100'000u);
  const auto inflated = gzip_decompress(bomb, 1 << 20);
  EXPECT_EQ(inflated.status, Gunzipped::Status::kTooLarge);
  EXPECT_TRUE(inflated.data.empty());
}

TEST(GzipDecompress, ABodyOfExactlyTheCapPasses) {
  const auto inflated = gzip_decompress(gzip_compress(std::string(1000, 'a')), 1000);
  EXPECT_EQ(inflated.status, Gunzipped::Status::kOk);
}

TEST(GzipDecompress, RefusesTruncatedAndNonGzipInput) {
  const std::string whole = gzip_compress("hello world");
  EXPECT_EQ(gzip_decompress(whole.substr(0, whole.size() - 4), 100).status, Gunzipped::Status::kCorrupt);
  EXPECT_EQ(gzip_decompress("plain text", 100).status, Gunzipped::Status::kCorrupt);
  EXPECT_EQ(gzip_decompress("", 100).status, Gunzipped::Status::kCorrupt);
}

}  // namespace
}  // namespace host_exporter::exposition
