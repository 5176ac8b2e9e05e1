// The sender against a real HTTP receiver on loopback: what each answer does to the batch.
#include "remote_write/sender.hpp"

#include <gtest/gtest.h>

#include "../ingest/temp_directory.hpp"
#include "receiver.hpp"
#include "remote_write/write_request.hpp"

namespace host_exporter::remote_write {
namespace {

class SenderTest : public ::testing::Test {
 protected:
  SenderSettings settings(ClientConfig client = {}) const {
    SenderSettings s{receiver.url(), std::move(client), std::chrono::seconds(10), {}, {}};
    s.min_backoff = std::chrono::milliseconds(1);
    s.max_backoff = std::chrono::milliseconds(2);
    return s;
  }

  // A batch of `samples` series of one gauge, value `value`.
  void append(std::uint32_t samples, double value) {
    MetricFamily family{"test_value", "", MetricType::kGauge, {}};
    for (std::uint32_t i = 0; i < samples; ++i) {
      family.series.push_back({render_labels({{"i", std::to_string(i)}}), value, {}});
    }
    const EncodedBatch encoded = encode_batch({family}, {}, 1000);
    std::string error;
    ASSERT_TRUE(queue->append({encoded.samples, encoded.body}, error)) << error;
  }

  Receiver receiver;
  ingest::testing::TempDirectory dir;
  std::unique_ptr<WriteAheadQueue> queue = std::make_unique<WriteAheadQueue>(dir.path(), 1 << 20);
  DestinationStats stats;
};

TEST_F(SenderTest, A2xxRemovesTheBatchAndCountsItSent) {
  append(3, 1.5);
  Sender sender(settings(), *queue, stats);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kSent);
  EXPECT_EQ(queue->batches(), 0u);
  EXPECT_EQ(stats.samples_sent.load(), 3u);
  EXPECT_GT(stats.bytes_sent.load(), 0u);
  EXPECT_GT(stats.last_send_ms.load(), 0);
  EXPECT_EQ(stats.durations().count, 1u);
  EXPECT_EQ(sender.send_oldest(), std::nullopt);

  const auto writes = receiver.writes();
  ASSERT_EQ(writes.size(), 1u);
  ASSERT_TRUE(writes[0].parsed);
  EXPECT_EQ(writes[0].request.timeseries_size(), 3);
  EXPECT_EQ(writes[0].request.timeseries(0).samples(0).value(), 1.5);
  EXPECT_EQ(writes[0].headers.get("Content-Encoding"), "snappy");
  EXPECT_EQ(writes[0].headers.get("Content-Type"), "application/x-protobuf");
  EXPECT_EQ(writes[0].headers.get("X-Prometheus-Remote-Write-Version"), "0.1.0");
}

TEST_F(SenderTest, A5xxOr429KeepsTheBatchAndTheNextAttemptSendsTheSameOne) {
  append(2, 7);
  append(1, 8);
  receiver.answer({503, 429});
  Sender sender(settings(), *queue, stats);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kRetry);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kRetry);
  EXPECT_EQ(queue->batches(), 2u);
  EXPECT_EQ(stats.samples_retried.load(), 4u);
  EXPECT_EQ(stats.samples_sent.load(), 0u);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kSent);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kSent);

  const auto writes = receiver.writes();
  ASSERT_EQ(writes.size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(writes[i].request.timeseries(0).samples(0).value(), 7) << i;
  EXPECT_EQ(writes[3].request.timeseries(0).samples(0).value(), 8);
  EXPECT_EQ(stats.samples_sent.load(), 3u);
}

TEST_F(SenderTest, A4xxDropsTheBatchCountedAndTheNextOneGoes) {
  append(5, 1);
  append(1, 2);
  receiver.answer({400});
  Sender sender(settings(), *queue, stats);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kDrop);
  EXPECT_EQ(stats.samples_failed.load(), 5u);
  EXPECT_EQ(queue->batches(), 1u);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kSent);
  EXPECT_EQ(stats.samples_sent.load(), 1u);
}

TEST_F(SenderTest, NoReceiverKeepsTheBatchForLater) {
  append(2, 1);
  receiver.stop();
  Sender sender(settings(), *queue, stats);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kRetry);
  EXPECT_EQ(queue->batches(), 1u);
  EXPECT_EQ(stats.samples_retried.load(), 2u);
  EXPECT_EQ(stats.durations().count, 0u);  // no answer, no latency
}

TEST_F(SenderTest, SendsTheClientConfigsHeaders) {
  append(1, 1);
  ClientConfig client;
  client.headers = {{"Authorization", "Bearer s3cret"}, {"X-Scope-OrgID", "team-a"}};
  Sender sender(settings(client), *queue, stats);
  EXPECT_EQ(sender.send_oldest(), SendOutcome::kSent);
  const auto writes = receiver.writes();
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].headers.get("Authorization"), "Bearer s3cret");
  EXPECT_EQ(writes[0].headers.get("X-Scope-OrgID"), "team-a");
}

TEST_F(SenderTest, ItsThreadDrainsTheQueueInOrderThroughFailures) {
  receiver.answer({500, 500});
  Sender sender(settings(), *queue, stats);
  sender.start();
  for (int i = 1; i <= 3; ++i) {
    append(1, i);
    sender.notify();
  }
  ASSERT_TRUE(receiver.wait_for(5));
  sender.stop();
  std::vector<double> accepted;
  const auto writes = receiver.writes();
  for (std::size_t i = 2; i < writes.size(); ++i) accepted.push_back(writes[i].request.timeseries(0).samples(0).value());
  EXPECT_EQ(accepted, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(queue->batches(), 0u);
}

TEST(ClassifyStatus, FollowsTheProtocol) {
  EXPECT_EQ(classify_status(200), SendOutcome::kSent);
  EXPECT_EQ(classify_status(204), SendOutcome::kSent);
  EXPECT_EQ(classify_status(400), SendOutcome::kDrop);
  EXPECT_EQ(classify_status(404), SendOutcome::kDrop);
  EXPECT_EQ(classify_status(413), SendOutcome::kDrop);
  EXPECT_EQ(classify_status(429), SendOutcome::kRetry);
  EXPECT_EQ(classify_status(500), SendOutcome::kRetry);
  EXPECT_EQ(classify_status(503), SendOutcome::kRetry);
}

}  // namespace
}  // namespace host_exporter::remote_write
