#include "server/connection_table.hpp"

namespace host_exporter::server {

Connection& ConnectionTable::open() {
  open_.emplace_back(limits_);
  Connection& connection = open_.back();
  connection.self = std::prev(open_.end());
  return connection;
}

void ConnectionTable::close(Connection& connection) { open_.erase(connection.self); }

Connection* ConnectionTable::oldest_to_shed(const Connection& newest) {
  for (auto& connection : open_) {
    if (&connection == &newest) break;
    if (connection.state != ConnectionState::kAnswering && !connection.closing) return &connection;
  }
  return nullptr;
}

}  // namespace host_exporter::server
