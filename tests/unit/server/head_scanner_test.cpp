#include "server/head_scanner.hpp"

#include <gtest/gtest.h>

#include <string>

namespace host_exporter::server {
namespace {

using Verdict = HeadScanner::Verdict;

TEST(HeadScanner, FindsTheEndOfAHeadAndWhatFollowsIt) {
  HeadScanner scanner({});
  const std::string head = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto result = scanner.scan(head + "NEXT");
  ASSERT_EQ(result.verdict, Verdict::kComplete);
  EXPECT_EQ(result.head_end, head.size());
}

TEST(HeadScanner, AHeadMayArriveOneByteAtATimeWithBareLineFeeds) {
  HeadScanner scanner({});
  const std::string head = "GET / HTTP/1.1\r\nA: b\n\r\n";
  for (std::size_t i = 0; i + 1 < head.size(); ++i) {
    ASSERT_EQ(scanner.scan(head.substr(i, 1)).verdict, Verdict::kIncomplete) << i;
  }
  const auto last = scanner.scan(head.substr(head.size() - 1));
  EXPECT_EQ(last.verdict, Verdict::kComplete);
  EXPECT_EQ(last.head_end, 1u);
}

TEST(HeadScanner, EmptyLinesBeforeTheRequestLineDoNotEndTheHead) {
  HeadScanner scanner({});
  EXPECT_EQ(scanner.scan("\r\n\r\nGET / HTTP/1.1\r\n").verdict, Verdict::kIncomplete);
  EXPECT_EQ(scanner.scan("\r\n").verdict, Verdict::kComplete);
}

TEST(HeadScanner, RefusesALongLineBeforeItsEnd) {
  HeadScanner scanner({.max_line_bytes = 16, .max_fields = 100, .max_head_bytes = 1 << 20});
  EXPECT_EQ(scanner.scan("GET /0123456789").verdict, Verdict::kIncomplete);  // 15 bytes
  const auto result = scanner.scan("ab");
  EXPECT_EQ(result.verdict, Verdict::kTooLarge);
  EXPECT_EQ(result.reason, "request line over the size limit");
}

TEST(HeadScanner, ALineOfExactlyTheLimitPassesWhateverTheCrSplit) {
  HeadScanner scanner({.max_line_bytes = 4, .max_fields = 100, .max_head_bytes = 1 << 20});
  EXPECT_EQ(scanner.scan("GET \r").verdict, Verdict::kIncomplete);
  EXPECT_EQ(scanner.scan("\nabcd\r").verdict, Verdict::kIncomplete);
  EXPECT_EQ(scanner.scan("\n\r\n").verdict, Verdict::kComplete);
}

TEST(HeadScanner, RefusesAHeaderLineOverTheLimit) {
  HeadScanner scanner({.max_line_bytes = 8, .max_fields = 100, .max_head_bytes = 1 << 20});
  const auto result = scanner.scan("GET / X\r\nLong: 123456\r\n");
  EXPECT_EQ(result.verdict, Verdict::kTooLarge);
  EXPECT_EQ(result.reason, "header line over the size limit");
}

TEST(HeadScanner, RefusesTooManyFields) {
  HeadScanner scanner({.max_line_bytes = 100, .max_fields = 2, .max_head_bytes = 1 << 20});
  EXPECT_EQ(scanner.scan("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n").verdict, Verdict::kIncomplete);
  const auto result = scanner.scan("C: 3\r\n");
  EXPECT_EQ(result.verdict, Verdict::kTooLarge);
  EXPECT_EQ(result.reason, "too many header fields");
}

TEST(HeadScanner, RefusesAHeadOverItsTotalSize) {
  HeadScanner scanner({.max_line_bytes = 100, .max_fields = 100, .max_head_bytes = 30});
  EXPECT_EQ(scanner.scan("GET / HTTP/1.1\r\nA: 1\r\n").verdict, Verdict::kIncomplete);
  EXPECT_EQ(scanner.scan("B: 2222222222\r\n").verdict, Verdict::kTooLarge);
}

TEST(HeadScanner, ResetStartsTheNextHead) {
  HeadScanner scanner({.max_line_bytes = 100, .max_fields = 1, .max_head_bytes = 100});
  EXPECT_EQ(scanner.scan("GET / HTTP/1.1\r\nA: 1\r\n\r\n").verdict, Verdict::kComplete);
  scanner.reset();
  EXPECT_FALSE(scanner.started());
  EXPECT_EQ(scanner.scan("GET / HTTP/1.1\r\nB: 1\r\n\r\n").verdict, Verdict::kComplete);
}

TEST(DeclaredContentLength, ReadsTheLargestDeclaredLength) {
  EXPECT_EQ(declared_content_length("PUT / HTTP/1.1\r\nContent-Length: 12\r\n\r\n"), 12u);
  EXPECT_EQ(declared_content_length("PUT / HTTP/1.1\r\ncontent-length:\t7\r\nContent-Length: 9\r\n\r\n"), 9u);
  EXPECT_EQ(declared_content_length("PUT / HTTP/1.1\r\nX-Content-Length: 12\r\n\r\n"), 0u);
  EXPECT_EQ(declared_content_length("PUT / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"), UINT64_MAX);
}

TEST(DeclaresChunkedBody, SeesChunkedAsTheLastCoding) {
  EXPECT_TRUE(declares_chunked_body("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
  EXPECT_TRUE(declares_chunked_body("PUT / HTTP/1.1\r\ntransfer-encoding: gzip, Chunked \r\n\r\n"));
  EXPECT_FALSE(declares_chunked_body("PUT / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"));
  EXPECT_FALSE(declares_chunked_body("PUT / HTTP/1.1\r\nX-Transfer-Encoding: chunked\r\n\r\n"));
}

}  // namespace
}  // namespace host_exporter::server
