#include "server/connection_table.hpp"

#include <gtest/gtest.h>

namespace host_exporter::server {
namespace {

TEST(ConnectionTable, ANewConnectionOverTheCapTakesTheOldestIdlePlace) {
  ConnectionTable table(2, {});
  Connection& oldest = table.open();
  Connection& answering = table.open();
  (void)answering;
  Connection& newest = table.open();
  EXPECT_TRUE(table.over_capacity());
  EXPECT_EQ(table.oldest_to_shed(newest), &oldest);
}

TEST(ConnectionTable, NeverShedsAConnectionBeingAnsweredNorOneAlreadyClosing) {
  ConnectionTable table(2, {});
  Connection& answering = table.open();
  answering.state = ConnectionState::kAnswering;
  Connection& closing = table.open();
  closing.closing = true;
  Connection& slow = table.open();
  slow.state = ConnectionState::kReadingHead;
  Connection& newest = table.open();
  EXPECT_EQ(table.oldest_to_shed(newest), &slow);
  slow.state = ConnectionState::kAnswering;
  EXPECT_EQ(table.oldest_to_shed(newest), nullptr);  // the newest one is refused instead
}

TEST(ConnectionTable, ClosingFreesThePlace) {
  ConnectionTable table(1, {});
  Connection& first = table.open();
  table.open();
  EXPECT_TRUE(table.over_capacity());
  table.close(first);
  EXPECT_FALSE(table.over_capacity());
  EXPECT_EQ(table.size(), 1u);
}

TEST(ConnectionTable, ZeroMeansNoCap) {
  ConnectionTable table(0, {});
  for (int i = 0; i < 100; ++i) table.open();
  EXPECT_FALSE(table.over_capacity());
}

}  // namespace
}  // namespace host_exporter::server
