// The serving floor of a scrape: what any exporter pays on this machine to answer a scrape over
// HTTP, with no work of its own. It waits for a request on a kept-alive loopback connection, makes
// the scrape's reads (floor_pass.hpp), sends a recorded scrape's body with one writev, and waits
// again. bench/read_floor.sh runs it under the load compare_node_exporter.sh uses.
//
//   hx_bench_serve_floor LIST BODY PORT
// Serves 127.0.0.1:PORT until SIGTERM or SIGINT, then prints the requests answered and the CPU
// (user + system, getrusage) a request in milliseconds.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "floor_pass.hpp"

namespace {

volatile sig_atomic_t stopping = 0;

void stop(int) { stopping = 1; }

int listen_on_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0) {
    std::perror("listen");
    std::exit(2);
  }
  return fd;
}

// Sends all of the response; the sockets block, so a short write only means "go on".
bool send_response(int fd, const std::string& head, const std::string& body) {
  std::size_t sent = 0;
  const std::size_t total = head.size() + body.size();
  while (sent < total) {
    iovec parts[2];
    int count = 0;
    if (sent < head.size()) parts[count++] = {const_cast<char*>(head.data()) + sent, head.size() - sent};
    const std::size_t body_sent = sent > head.size() ? sent - head.size() : 0;
    parts[count++] = {const_cast<char*>(body.data()) + body_sent, body.size() - body_sent};
    const ssize_t n = ::writev(fd, parts, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s LIST BODY PORT\n", argv[0]);
    return 2;
  }
  host_exporter::bench::FloorPass pass;
  if (!pass.load(argv[1])) return 2;
  std::ifstream body_file(argv[2], std::ios::binary);
  const std::string body((std::istreambuf_iterator<char>(body_file)), std::istreambuf_iterator<char>());
  if (body.empty()) {
    std::fprintf(stderr, "%s: no body to serve\n", argv[2]);
    return 2;
  }
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";

  struct sigaction action {};
  action.sa_handler = stop;  // no SA_RESTART: epoll_wait returns EINTR and the loop ends
  ::sigaction(SIGTERM, &action, nullptr);
  ::sigaction(SIGINT, &action, nullptr);

  const int listener = listen_on_loopback(std::atoi(argv[3]));
  const int poller = ::epoll_create1(EPOLL_CLOEXEC);
  epoll_event event{EPOLLIN, {.fd = listener}};
  ::epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
  std::map<int, std::string> pending;  // a connection's bytes not yet a whole request
  long requests = 0;
  char input[4096];
  const double start = host_exporter::bench::cpu_seconds();
  while (!stopping) {
    epoll_event ready[16];
    const int count = ::epoll_wait(poller, ready, 16, -1);
    for (int i = 0; i < count; ++i) {
      const int fd = ready[i].data.fd;
      if (fd == listener) {
        const int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        epoll_event client_event{EPOLLIN, {.fd = client}};
        ::epoll_ctl(poller, EPOLL_CTL_ADD, client, &client_event);
        continue;
      }
      const ssize_t n = ::read(fd, input, sizeof input);
      std::string& request = pending[fd];
      if (n > 0) request.append(input, static_cast<std::size_t>(n));
      bool open = n > 0;
      for (auto end = request.find("\r\n\r\n"); open && end != std::string::npos; end = request.find("\r\n\r\n")) {
        request.erase(0, end + 4);
        pass.run();
        open = send_response(fd, head, body);
        ++requests;
      }
      if (!open) {
        pending.erase(fd);
        ::close(fd);  // also leaves the epoll set
      }
    }
  }
  const double elapsed = host_exporter::bench::cpu_seconds() - start;
  std::printf("requests %ld, CPU %.4f ms a request\n", requests,
              requests > 0 ? elapsed * 1000.0 / static_cast<double>(requests) : 0.0);
  return 0;
}
