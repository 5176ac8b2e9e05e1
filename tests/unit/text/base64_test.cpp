#include "text/base64.hpp"

#include <gtest/gtest.h>

namespace host_exporter::text {
namespace {

TEST(Base64, EncodesTheStandardAlphabetPaddedAndRoundTrips) {
  EXPECT_EQ(encode_base64(""), "");
  EXPECT_EQ(encode_base64("a"), "YQ==");
  EXPECT_EQ(encode_base64("ab"), "YWI=");
  EXPECT_EQ(encode_base64(">>>"), "Pj4+");
  EXPECT_EQ(encode_base64("???"), "Pz8/");
  const std::string bytes("\x00\xff\xfe agent:p@ss", 14);
  EXPECT_EQ(decode_base64(encode_base64(bytes)), bytes);
}

TEST(Base64, DecodesPaddedStandardBase64) {
  EXPECT_EQ(decode_base64("YWxpY2U6c2VjcmV0"), "alice:secret");
  EXPECT_EQ(decode_base64("YQ=="), "a");
  EXPECT_EQ(decode_base64("YWI="), "ab");
  EXPECT_EQ(decode_base64("Pj4+"), ">>>");  // '+' of the standard alphabet
  EXPECT_EQ(decode_base64(""), "");
}

TEST(Base64, RefusesMissingOrMisplacedPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(decode_base64("YQ="), std::nullopt);
  EXPECT_EQ(decode_base64("YQ"), std::nullopt);
  EXPECT_EQ(decode_base64("Y=Q="), std::nullopt);
  EXPECT_EQ(decode_base64("YQ==YQ=="), std::nullopt);
  EXPECT_EQ(decode_base64("Y==="), std::nullopt);  // at most two '='
  EXPECT_EQ(decode_base64("Pj4-"), std::nullopt);
  EXPECT_EQ(decode_base64("!!!!"), std::nullopt);
}

TEST(Base64Url, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(decode_base64url("L3Zhci90bXA"), "/var/tmp");
  EXPECT_EQ(decode_base64url("L3Zhci90bXA="), "/var/tmp");
  EXPECT_EQ(decode_base64url("YmF6"), "baz");
  EXPECT_EQ(decode_base64url("zqDPgc6_zrzOt864zrXPjc-C"), "Προμηθεύς");  // '-' and '_' of the URL alphabet
}

TEST(Base64Url, LoneEqualsSignIsTheEmptyString) {
  EXPECT_EQ(decode_base64url("="), "");
  EXPECT_EQ(decode_base64url("=="), "");
}

TEST(Base64Url, RefusesTheStandardAlphabetAndImpossibleLengths) {
  EXPECT_EQ(decode_base64url("a+b/"), std::nullopt);  // standard alphabet, not URL-safe
  EXPECT_EQ(decode_base64url("abcde"), std::nullopt);  // 5 characters cannot be base64
  EXPECT_EQ(decode_base64url("ab c"), std::nullopt);
}

}  // namespace
}  // namespace host_exporter::text
