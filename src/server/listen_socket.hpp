#pragma once
// Opens the listening socket of one --web.listen-address: SO_REUSEADDR (a quick
// restart while old connections sit in TIME_WAIT) but never SO_REUSEPORT (which
// would let a second exporter bind the same port silently and share its
// traffic), and a listen backlog of SOMAXCONN so a burst of clients queues in the
// kernel instead of being reset.

#include <stdexcept>

#include "server/listen_address.hpp"

namespace host_exporter::server {

// Thrown when an address cannot be bound; what() names the address and the reason.
class BindError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListenSocket {
  int fd = -1;
  int port = 0;  // the bound port (the one picked for port 0)
};

// A non-blocking, close-on-exec socket, bound and listening. Throws BindError.
ListenSocket open_listen_socket(const ListenAddress& address);

}  // namespace host_exporter::server
