#include "server/listen_socket.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace host_exporter::server {

namespace {

int bound_port(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

// One socket for one resolved address, or -1 with errno set.
int listen_on(const addrinfo& candidate, bool dual_stack) {
  const int fd = ::socket(candidate.ai_family, candidate.ai_socktype, candidate.ai_protocol);
  if (fd < 0) return -1;
  const int yes = 1, no = 0;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  if (candidate.ai_family == AF_INET6) {
    // ":port" means every interface, IPv4 included; "[::1]:port" only IPv6.
    const int* v6only = dual_stack ? &no : &yes;
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only, sizeof(int));
  }
  if (::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 ||
      ::bind(fd, candidate.ai_addr, candidate.ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

}  // namespace

ListenSocket open_listen_socket(const ListenAddress& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(address.port);
  const char* host = address.host.empty() ? nullptr : address.host.c_str();
  if (const int rc = ::getaddrinfo(host, service.c_str(), &hints, &found); rc != 0) {
    throw BindError("cannot listen on " + address.text + ": cannot resolve host: " + ::gai_strerror(rc));
  }
  int error = 0;
  ListenSocket socket;
  for (const addrinfo* candidate = found; candidate != nullptr && socket.fd < 0; candidate = candidate->ai_next) {
    socket.fd = listen_on(*candidate, address.host == "::");
    if (socket.fd < 0) error = errno;
  }
  ::freeaddrinfo(found);
  if (socket.fd < 0) throw BindError("cannot listen on " + address.text + ": " + std::strerror(error));
  socket.port = bound_port(socket.fd);
  return socket;
}

}  // namespace host_exporter::server
