#include "text/push_group_path.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/base64.hpp"

namespace host_exporter::text {
namespace {

TEST(EncodeBase64url, RoundTripsEveryLengthAndSpellsEmptyAsEquals) {
  EXPECT_EQ(encode_base64url(""), "=");
  EXPECT_EQ(encode_base64url("f"), "Zg");
  EXPECT_EQ(encode_base64url("fo"), "Zm8");
  EXPECT_EQ(encode_base64url("foo"), "Zm9v");
  EXPECT_EQ(encode_base64url("\xff\xfe"), "__4");
  const std::vector<std::string> texts{"a", "ab", "abc", "abcd", "box/rag_web/blue", std::string("\0\x01", 2)};
  for (const std::string& text : texts) {
    EXPECT_EQ(decode_base64url(encode_base64url(text)), text);
  }
}

TEST(PushGroupPath, PlainValuesTravelAsTheyAreOthersInBase64) {
  EXPECT_EQ(push_group_path("rag_web", {}), "/metrics/job/rag_web");
  EXPECT_EQ(push_group_path("rag", {{"instance", "box/rag_web"}}), "/metrics/job/rag/instance@base64/Ym94L3JhZ193ZWI");
  EXPECT_EQ(push_group_path("a/b", {{"empty", ""}, {"dot", "."}}),
            "/metrics/job@base64/YS9i/empty@base64/=/dot@base64/Lg");
}

}  // namespace
}  // namespace host_exporter::text
